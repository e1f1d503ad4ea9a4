package org.mfasuite.keycloak.push;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the device API and the companion app at {@code /realms/{realm}/mfa-push}. */
public class PushResourceProviderFactory implements RealmResourceProviderFactory {

    @Override
    public String getId() {
        return PushUrls.PATH;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PushResourceProvider(session);
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
