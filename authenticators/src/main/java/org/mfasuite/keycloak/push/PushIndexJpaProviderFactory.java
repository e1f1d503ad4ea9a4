package org.mfasuite.keycloak.push;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.mfasuite.keycloak.core.StartupMove;

/**
 * The device index table ({@code MFA_PUSH_DEVICE_INDEX}) and what keeps it whole: after each start, once Keycloak
 * has migrated its database, {@link PushIndexMigration} indexes every push credential without a row (one node at a
 * time); a realm created or imported gets its devices indexed; a removed user or realm takes its rows along.
 * {@code create(null)} must work: Keycloak's build asks it for the entities.
 */
public class PushIndexJpaProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "mfa-push-device-index";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new PushIndexJpaProvider();
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
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                // until it has run, devices of the old attribute are still found through it (PushDevices.find)
                StartupMove.run(factory, "mfa-push-index-migration", "push devices indexed in MFA_PUSH_DEVICE_INDEX",
                        PushIndexMigration::run);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                PushIndexMigration.run(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                PushDevices.removeUser(em(removed.getKeycloakSession()), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                PushDevices.removeRealm(em(removed.getKeycloakSession()), removed.getRealm().getId());
            }
        });
    }

    private static jakarta.persistence.EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
