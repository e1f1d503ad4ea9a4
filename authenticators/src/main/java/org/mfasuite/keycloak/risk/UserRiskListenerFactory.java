package org.mfasuite.keycloak.risk;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Global: runs in every realm without being added to its event listeners. */
public class UserRiskListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "mfa-user-risk";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new UserRiskListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
