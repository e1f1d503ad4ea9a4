package org.mfasuite.keycloak.oath;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The request's JPA {@code EntityManager}, switched to {@code FlushModeType.COMMIT} while an import or a list runs.
 * Why: with Hibernate's default AUTO mode every query first dirty-checks every entity the request has loaded, and an
 * import runs several queries per row (user lookup, Keycloak's credential label and priority checks), so 10,000 rows
 * cost 10,000 × 10,000 entity visits. The import checks duplicates itself before writing, so it needs no query to see
 * its own pending inserts; everything is still written in the one transaction.
 */
public final class FlushAtCommit implements AutoCloseable {

    private final EntityManager entityManager;
    private final FlushModeType previous;

    private FlushAtCommit(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.previous = entityManager.getFlushMode();
        entityManager.setFlushMode(FlushModeType.COMMIT);
    }

    public static FlushAtCommit during(KeycloakSession session) {
        return new FlushAtCommit(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void close() {
        entityManager.setFlushMode(previous);
    }
}
