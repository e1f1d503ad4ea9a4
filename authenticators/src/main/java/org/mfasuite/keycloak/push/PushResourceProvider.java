package org.mfasuite.keycloak.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class PushResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final PushWaits waits;

    public PushResourceProvider(KeycloakSession session, PushWaits waits) {
        this.session = session;
        this.waits = waits;
    }

    @Override
    public Object getResource() {
        return new PushResource(session, waits);
    }

    @Override
    public void close() {
    }
}
