package org.mfasuite.keycloak.core;

import java.util.function.ToIntFunction;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A data move run after each start, once Keycloak has migrated its database: one node of a cluster at a time
 * (Keycloak's cluster-wide task lock), in one transaction, idempotent by the move's own queries. A failure is
 * logged and leaves the old data in place; the next start tries again.
 */
public final class StartupMove {

    /** Longest a move may hold the cluster-wide lock. */
    private static final int LOCK_SECONDS = 900;
    private static final Logger LOG = Logger.getLogger(StartupMove.class);

    private StartupMove() {
    }

    /**
     * @param task   the cluster-wide lock's name
     * @param done   what a moved item is, for the log ("hardware tokens moved from shelf users into MFA_OATH_POOL")
     * @param move   the move; returns how many items it moved
     */
    public static void run(KeycloakSessionFactory factory, String task, String done, ToIntFunction<KeycloakSession> move) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(task, LOCK_SECONDS, () -> {
                        int moved = move.applyAsInt(session);
                        if (moved > 0) {
                            LOG.infof("%d %s", moved, done);
                        }
                        return moved;
                    }));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Start-up move %s failed; the old data stays and the next start tries again", task);
        }
    }
}
