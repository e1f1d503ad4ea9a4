package org.mfasuite.keycloak.gateway;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The suite's message-gateway SPI. Options: {@code --spi-mfa-message-gateway--<provider>--<key>=...};
 * the default gateway: {@code --spi-mfa-message-gateway--provider=<id>}.
 */
public class MessageGatewaySpi implements Spi {

    public static final String NAME = "mfa-message-gateway";

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
        return MessageGateway.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return MessageGatewayFactory.class;
    }
}
