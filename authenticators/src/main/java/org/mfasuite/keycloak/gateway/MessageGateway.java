package org.mfasuite.keycloak.gateway;

import org.keycloak.provider.Provider;

/**
 * Delivers one text (SMS) or voice message. One method, so an operator's own gateway is a small class.
 */
public interface MessageGateway extends Provider {

    /**
     * Hands the message to the gateway.
     *
     * @return the gateway's receipt (its message id where it gives one)
     * @throws GatewayException when the gateway did not accept the message (refused, timed out, 4xx/5xx)
     */
    GatewayReceipt send(OutgoingMessage message) throws GatewayException;

    @Override
    default void close() {
    }
}
