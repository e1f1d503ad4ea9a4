package org.mfasuite.keycloak.oath;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * Keycloak internals, by reflection (keycloak-model-jpa is not published for 26.7.3 with its parent POM, so it is
 * not on our compile path): the request's JPA {@code EntityManager}, switched to {@code FlushModeType.COMMIT} while
 * an import runs. Why: with Hibernate's default AUTO mode every query first dirty-checks every entity the request
 * has loaded, and an import runs several queries per row (user lookup, Keycloak's credential label and priority
 * checks), so 10,000 rows cost 10,000 × 10,000 entity visits. The import checks duplicates itself before writing,
 * so it needs no query to see its own pending inserts; everything is still written in the one transaction.
 * When the internals are not there, nothing changes (the import is only slower).
 */
final class FlushAtCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FlushAtCommit.class);
    private static final FlushAtCommit NONE = new FlushAtCommit(null, null, null);

    private final Object entityManager;
    private final Method setFlushMode;
    private final Object previous;

    private FlushAtCommit(Object entityManager, Method setFlushMode, Object previous) {
        this.entityManager = entityManager;
        this.setFlushMode = setFlushMode;
        this.previous = previous;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static FlushAtCommit during(KeycloakSession session) {
        try {
            Class<? extends Provider> jpa = Class.forName("org.keycloak.connections.jpa.JpaConnectionProvider", false,
                    KeycloakSession.class.getClassLoader()).asSubclass(Provider.class);
            Provider provider = session.getProvider(jpa);
            if (provider == null) {
                return NONE;
            }
            Object em = jpa.getMethod("getEntityManager").invoke(provider);
            ClassLoader loader = jpa.getClassLoader();
            Class<?> emType = Class.forName("jakarta.persistence.EntityManager", false, loader);
            Class<? extends Enum> modeType = (Class<? extends Enum>) Class.forName("jakarta.persistence.FlushModeType",
                    false, loader);
            Method set = emType.getMethod("setFlushMode", modeType);
            Object previous = emType.getMethod("getFlushMode").invoke(em);
            set.invoke(em, Enum.valueOf(modeType, "COMMIT"));
            return new FlushAtCommit(em, set, previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debugf("Flush mode not changed for the import: %s", e.toString());
            return NONE;
        }
    }

    @Override
    public void close() {
        if (entityManager == null) {
            return;
        }
        try {
            setFlushMode.invoke(entityManager, previous);
        } catch (ReflectiveOperationException e) {
            LOG.warnf("Flush mode not restored after the import: %s", e.toString());
        }
    }
}
