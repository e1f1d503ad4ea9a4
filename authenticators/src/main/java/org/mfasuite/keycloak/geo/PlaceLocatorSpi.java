package org.mfasuite.keycloak.geo;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The suite's address-placing SPI. Options: {@code --spi-mfa-geo--<provider>--<key>=...}. */
public class PlaceLocatorSpi implements Spi {

    public static final String NAME = "mfa-geo";

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
        return PlaceLocator.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PlaceLocatorFactory.class;
    }
}
