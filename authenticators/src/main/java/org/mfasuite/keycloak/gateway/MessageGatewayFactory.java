package org.mfasuite.keycloak.gateway;

import org.keycloak.provider.ProviderFactory;

/** Creates a {@link MessageGateway}; its id is what flows name in their "gateway" setting. */
public interface MessageGatewayFactory extends ProviderFactory<MessageGateway> {
}
