package org.mfasuite.keycloak.console;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.mfasuite.keycloak.core.StartupMove;

/**
 * Mounts the admin console at {@code /realms/{realm}/mfa-admin/} and keeps its client {@value ConsoleClient#CLIENT_ID}
 * in every realm: added when a realm is created or imported, and once per start for realms that exist (after
 * Keycloak's migration, one node at a time).
 */
public class ConsoleResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "mfa-admin";
    static final String STARTUP_TASK = "mfa-admin-console-client";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ConsoleResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                ConsoleClient.ensure(created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent) {
                StartupMove.run(factory, STARTUP_TASK, "realms got the client " + ConsoleClient.CLIENT_ID,
                        ConsoleClient::ensureEverywhere);
            }
        });
    }

    @Override
    public void close() {
    }
}
