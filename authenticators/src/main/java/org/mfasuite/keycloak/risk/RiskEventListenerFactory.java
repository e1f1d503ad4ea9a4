package org.mfasuite.keycloak.risk;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** {@code mfa-risk}: global (every realm, no need to add it to a realm's event listeners). */
public class RiskEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "mfa-risk";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RiskEventListener(session);
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
