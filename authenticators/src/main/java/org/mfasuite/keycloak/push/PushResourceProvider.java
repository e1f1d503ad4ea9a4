package org.mfasuite.keycloak.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class PushResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public PushResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new PushResource(session);
    }

    @Override
    public void close() {
    }
}
