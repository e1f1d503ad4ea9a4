package org.mfasuite.keycloak.oath;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.mfasuite.keycloak.core.StartupMove;

/**
 * The pool's table ({@code MFA_OATH_POOL}); after each start, once Keycloak has migrated its database, moves what an
 * older version left on "shelf" users into it ({@link ShelfMigration}, one node at a time); a realm's rows are
 * deleted with the realm. {@code create(null)} must work: Keycloak's build asks it for the entities.
 */
public class OathPoolJpaProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "mfa-oath-pool";

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
                StartupMove.run(factory, "mfa-oath-shelf-migration", "hardware tokens moved from shelf users into MFA_OATH_POOL",
                        ShelfMigration::run);
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                TokenPool.removeRealm(removed.getKeycloakSession().getProvider(JpaConnectionProvider.class)
                        .getEntityManager(), removed.getRealm().getId());
            }
        });
    }

    @Override
    public void close() {
    }
}
