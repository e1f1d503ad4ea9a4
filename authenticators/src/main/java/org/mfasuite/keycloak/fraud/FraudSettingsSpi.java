package org.mfasuite.keycloak.fraud;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Holds the realm's fraud-alert settings as a Keycloak component, so Keycloak validates, caches and exports them. */
public class FraudSettingsSpi implements Spi {

    public static final String NAME = "mfa-fraud-settings";

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return FraudSettingsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return FraudSettingsProviderFactory.class;
    }
}
