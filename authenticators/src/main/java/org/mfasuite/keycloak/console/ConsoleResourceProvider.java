package org.mfasuite.keycloak.console;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class ConsoleResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public ConsoleResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new ConsoleResource(session, session.getContext().getRealm());
    }

    @Override
    public void close() {
    }
}
