package org.mfasuite.keycloak.risk;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * A user's successful sign-ins as the signals need them, in {@code MFA_RISK_SIGN_IN}: one row per device and
 * location, its time that of the latest sign-in from both; rows older than {@code history-days} are deleted, and at
 * most {@link #MAX_ROWS} newest rows are kept per user.
 */
public final class SignInHistory {

    /** The most rows kept per user: enough devices and places for a person, bounded for an account that roams. */
    public static final int MAX_ROWS = 50;

    private SignInHistory() {
    }

    /** The user's kept sign-ins since {@code since} (epoch seconds), newest first. */
    public static List<PastSignIn> recent(KeycloakSession session, String realmId, String userId, long since) {
        return em(session).createQuery("select s from MfaRiskSignIn s where s.userId = :user and s.realmId = :realm"
                        + " and s.signedInAt >= :since order by s.signedInAt desc", RiskSignInEntity.class)
                .setParameter("user", userId).setParameter("realm", realmId).setParameter("since", since)
                .setMaxResults(MAX_ROWS).getResultStream().map(RiskSignInEntity::toPast).toList();
    }

    /**
     * Records a successful sign-in and trims the user's history to what the signals need. Trimming is a bulk delete
     * (never a removal of loaded rows), so two sign-ins of one user at once cannot fail on a row the other deleted.
     */
    public static void record(KeycloakSession session, String realmId, String userId, PastSignIn signIn, int historyDays) {
        EntityManager em = em(session);
        TypedQuery<RiskSignInEntity> query = em.createQuery("select s from MfaRiskSignIn s where s.userId = :user"
                        + " and s.realmId = :realm"
                        + " and s.deviceHash " + (signIn.deviceHash() == null ? "is null" : "= :device")
                        + " and s.location " + (signIn.location() == null ? "is null" : "= :location"), RiskSignInEntity.class)
                .setParameter("user", userId).setParameter("realm", realmId);
        if (signIn.deviceHash() != null) {
            query.setParameter("device", signIn.deviceHash());
        }
        if (signIn.location() != null) {
            query.setParameter("location", signIn.location());
        }
        RiskSignInEntity same = query.setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (same == null) {
            same = new RiskSignInEntity();
            same.id = UUID.randomUUID().toString();
            same.realmId = realmId;
            same.userId = userId;
            same.deviceHash = signIn.deviceHash();
            same.location = signIn.location();
            em.persist(same);
        }
        same.signedInAt = signIn.time();
        same.latitude = signIn.latitude();
        same.longitude = signIn.longitude();
        em.flush();
        long oldest = signIn.time() - historyDays * 86400L;
        List<Long> beyond = em.createQuery("select s.signedInAt from MfaRiskSignIn s where s.userId = :user"
                        + " and s.realmId = :realm order by s.signedInAt desc", Long.class)
                .setParameter("user", userId).setParameter("realm", realmId)
                .setFirstResult(MAX_ROWS).setMaxResults(1).getResultList();
        if (!beyond.isEmpty()) {
            oldest = Math.max(oldest, beyond.get(0) + 1);
        }
        em.createQuery("delete from MfaRiskSignIn s where s.userId = :user and s.realmId = :realm"
                        + " and s.signedInAt < :oldest").setParameter("user", userId).setParameter("realm", realmId)
                .setParameter("oldest", oldest).executeUpdate();
    }

    /** Deletes every row older than {@code before} (epoch seconds) in the realm: the daily cleanup. */
    static int removeOlder(KeycloakSession session, String realmId, long before) {
        return em(session).createQuery("delete from MfaRiskSignIn s where s.realmId = :realm and s.signedInAt < :before")
                .setParameter("realm", realmId).setParameter("before", before).executeUpdate();
    }

    static void removeUser(KeycloakSession session, String userId) {
        em(session).createQuery("delete from MfaRiskSignIn s where s.userId = :user").setParameter("user", userId)
                .executeUpdate();
    }

    static void removeRealm(KeycloakSession session, String realmId) {
        em(session).createQuery("delete from MfaRiskSignIn s where s.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
    }

    /** How many rows the user has (tests and the admin docs' "what is stored"). */
    public static long count(KeycloakSession session, String realmId, String userId) {
        return em(session).createQuery("select count(s) from MfaRiskSignIn s where s.userId = :user and s.realmId = :realm",
                Long.class).setParameter("user", userId).setParameter("realm", realmId).getSingleResult();
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
