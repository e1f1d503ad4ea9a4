package org.mfasuite.keycloak.risk;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Holds the realm's sign-in risk settings as a Keycloak component, so Keycloak validates, caches and exports them. */
public class RiskSettingsSpi implements Spi {

    public static final String NAME = "mfa-risk-settings";

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
        return RiskSettingsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return RiskSettingsProviderFactory.class;
    }
}
