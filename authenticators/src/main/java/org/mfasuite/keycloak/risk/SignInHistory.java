package org.mfasuite.keycloak.risk;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

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

    /** Records a successful sign-in and trims the user's history to what the signals need. */
    public static void record(KeycloakSession session, String realmId, String userId, PastSignIn signIn, int historyDays) {
        EntityManager em = em(session);
        List<RiskSignInEntity> rows = em.createQuery("select s from MfaRiskSignIn s where s.userId = :user"
                        + " and s.realmId = :realm order by s.signedInAt desc", RiskSignInEntity.class)
                .setParameter("user", userId).setParameter("realm", realmId).getResultList();
        RiskSignInEntity same = rows.stream().filter(r -> java.util.Objects.equals(r.deviceHash, signIn.deviceHash())
                && java.util.Objects.equals(r.location, signIn.location())).findFirst().orElse(null);
        if (same == null) {
            same = new RiskSignInEntity();
            same.id = UUID.randomUUID().toString();
            same.realmId = realmId;
            same.userId = userId;
            same.deviceHash = signIn.deviceHash();
            same.location = signIn.location();
            em.persist(same);
            rows = new java.util.ArrayList<>(rows);
            rows.add(0, same);
        } else {
            rows = new java.util.ArrayList<>(rows);
            rows.remove(same);
            rows.add(0, same);
        }
        same.signedInAt = signIn.time();
        same.latitude = signIn.latitude();
        same.longitude = signIn.longitude();
        long oldest = signIn.time() - historyDays * 86400L;
        for (int i = 0; i < rows.size(); i++) {
            RiskSignInEntity r = rows.get(i);
            if (i >= MAX_ROWS || r.signedInAt < oldest) {
                em.remove(r);
            }
        }
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
