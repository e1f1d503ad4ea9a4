package org.mfasuite.keycloak.gateway;

/**
 * What a gateway says after accepting a message.
 *
 * @param gatewayId the provider id of the gateway that accepted it
 * @param messageId the gateway's id for the message, or null when it gives none
 */
public record GatewayReceipt(String gatewayId, String messageId) {
}
