package org.mfasuite.keycloak.oath;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * The pool's table ({@code MFA_OATH_POOL}); after each start, once Keycloak has migrated its database, moves what an
 * older version left on "shelf" users into it ({@link ShelfMigration}, one node at a time); a realm's rows are
 * deleted with the realm. {@code create(null)} must work: Keycloak's build asks it for the entities.
 */
public class OathPoolJpaProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "mfa-oath-pool";
    private static final Logger LOG = Logger.getLogger(OathPoolJpaProviderFactory.class);
    /** Longest the start-up move may hold the cluster-wide claim. */
    private static final int MIGRATION_SECONDS = 900;

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new OathPoolJpaProvider();
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
                migrate(factory);
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                TokenPool.removeRealm(removed.getKeycloakSession().getProvider(JpaConnectionProvider.class)
                        .getEntityManager(), removed.getRealm().getId());
            }
        });
    }

    private static void migrate(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted("mfa-oath-shelf-migration", MIGRATION_SECONDS, () -> {
                        int moved = ShelfMigration.run(session);
                        if (moved > 0) {
                            LOG.infof("Moved %d hardware tokens from shelf users into MFA_OATH_POOL", moved);
                        }
                        return moved;
                    }));
        } catch (RuntimeException e) {
            // the shelves stay; the next start tries again
            LOG.errorf(e, "Hardware tokens not moved from shelf users into MFA_OATH_POOL; retried at the next start");
        }
    }

    @Override
    public void close() {
    }
}
