package org.mfasuite.keycloak.push.delivery;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI of {@link VapidKeyStore}: it exists so that Keycloak knows the component's secret config fields. */
public class VapidKeyStoreSpi implements Spi {

    public static final String NAME = "mfa-push-vapid-key";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return VapidKeyStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return VapidKeyStoreFactory.class;
    }
}
