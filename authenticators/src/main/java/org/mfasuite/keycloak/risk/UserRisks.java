package org.mfasuite.keycloak.risk;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.core.SecondFactor;

/**
 * A user's risk: what the policy key {@code user-risk} compares. Raised by fraud reports and high-risk sign-ins,
 * cleared by an admin or by a password change after a second factor ({@link #clearsOnPasswordChange}). Kept in the
 * suite's table {@code MFA_USER_RISK}, one row per user read by primary key.
 */
public final class UserRisks {

    /** Reason of a raise by a fraud report (push "This wasn't me", the report page). */
    public static final String REASON_FRAUD_REPORT = "fraud-report";
    /** Reason of a raise by a sign-in whose own risk was high. */
    public static final String REASON_HIGH_RISK_SIGN_IN = "high-risk-sign-in";
    /**
     * A password change clears the risk when a second factor was given this many minutes before it, at most, in the
     * same sign-in (grant {@code password-change} asks for the factor again when the last one is older).
     */
    public static final int FRESH_MINUTES = 15;
    /**
     * Authentication-session note set by the gate when it adds Update Password after a fresh second factor
     * ({@link #markFreshFactor}): the proof stands however long the user then spends on the password page.
     */
    public static final String FRESH_FACTOR_NOTE = "mfa-risk.fresh-factor";
    /** Tries of a guarded raise ({@link #raiseGuarded}): the second finds the row a concurrent first raise inserted. */
    static final int RAISE_TRIES = 2;
    private static final int HISTORY_LOG_SECONDS = 3600;

    private static final Logger LOG = Logger.getLogger(UserRisks.class);

    private UserRisks() {
    }

    /** The user's current risk level. */
    public static RiskLevel of(KeycloakSession session, RealmModel realm, UserModel user) {
        return get(session, realm, user).level();
    }

    /** The user's risk with its reasons; {@link UserRisk#NONE} when never raised. */
    public static UserRisk get(KeycloakSession session, RealmModel realm, UserModel user) {
        UserRiskEntity row = row(session, realm, user);
        return row == null ? UserRisk.NONE : toValue(row);
    }

    /** Raises the user's risk to at least {@code level}; never lowers it. The reason is kept either way. */
    public static void raise(KeycloakSession session, RealmModel realm, UserModel user, RiskLevel level, String reason) {
        if (level == null || level == RiskLevel.NONE) {
            return;
        }
        UserRiskEntity row = row(session, realm, user, LockModeType.PESSIMISTIC_WRITE); // concurrent raises queue
        UserRisk before = row == null ? UserRisk.NONE : toValue(row);
        UserRisk after = before.raise(level, reason, Time.currentTime());
        if (row == null) {
            row = new UserRiskEntity();
            row.userId = user.getId();
            row.realmId = realm.getId();
            write(row, after);
            em(session).persist(row);
        } else {
            write(row, after);
        }
        if (after.level() != before.level()) {
            LOG.infof("mfa_user_risk realm=%s user=%s level=%s reason=%s", realm.getName(), user.getId(),
                    after.level().id(), reason);
        }
    }

    /**
     * {@link #raise} in a transaction of its own, never failing the caller: a fraud report's event, block and alerts
     * must stand whatever happens to the raise. Two first raises of one user at once both insert; the loser's commit
     * fails on the primary key and its retry finds the row and updates it. A raise that still fails is logged.
     */
    public static void raiseGuarded(KeycloakSessionFactory factory, String realmId, String userId, RiskLevel level,
                                    String reason) {
        guarded(() -> KeycloakModelUtils.runJobInTransaction(factory, own -> {
            RealmModel realm = own.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            own.getContext().setRealm(realm); // a new session: user look-ups need its realm
            UserModel user = own.users().getUserById(realm, userId);
            if (user != null) {
                raise(own, realm, user, level, reason);
            }
        }), RAISE_TRIES, e -> LOG.warnf("Realm %s: raising the risk of user %s (%s) failed: %s", realmId, userId,
                reason, e.toString()));
    }

    /** Runs {@code attempt} up to {@code tries} times until it does not throw; then tells {@code failed} the last error. */
    static void guarded(Runnable attempt, int tries, Consumer<RuntimeException> failed) {
        RuntimeException last = null;
        for (int i = 0; i < tries; i++) {
            try {
                attempt.run();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        if (last != null) {
            failed.accept(last);
        }
    }

    /**
     * Clears the user's risk to none ({@code by}: {@link UserRisk#CLEARED_BY_ADMIN} or
     * {@link UserRisk#CLEARED_BY_PASSWORD_CHANGE}).
     *
     * @return the level it had
     */
    public static RiskLevel clear(KeycloakSession session, RealmModel realm, UserModel user, String by) {
        UserRiskEntity row = row(session, realm, user);
        if (row == null) {
            return RiskLevel.NONE;
        }
        UserRisk before = toValue(row);
        write(row, before.clear(by, Time.currentTime()));
        if (before.level() != RiskLevel.NONE) {
            LOG.infof("mfa_user_risk realm=%s user=%s level=none cleared-by=%s was=%s", realm.getName(), user.getId(),
                    by, before.level().id());
        }
        return before.level();
    }

    /**
     * Whether a password change in this authentication session clears the user's risk: a second factor was given in
     * it within {@link #FRESH_MINUTES} (a step that checks a second-factor credential, {@link SecondFactor#isFactor},
     * or a temporary access pass). Registering a method does not count: with a stolen password it would clear the risk
     * the stolen password raised.
     */
    public static boolean clearsOnPasswordChange(KeycloakSession session, RealmModel realm,
                                                 AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return false; // an admin's reset, a REST call: no sign-in gave a factor
        }
        if (authSession.getAuthNote(FRESH_FACTOR_NOTE) != null || SecondFactor.passGiven(authSession)) {
            return true;
        }
        long since = Time.currentTime() - FRESH_MINUTES * 60L;
        return completed(authSession).entrySet().stream().anyMatch(e -> e.getValue() != null
                && e.getValue().longValue() >= since && isFactorStep(session, realm, e.getKey()));
    }

    /**
     * Called where Update Password is added for the risk (grant {@code password-change}): records that a fresh second
     * factor was given ({@link #clearsOnPasswordChange} now), so the time the user then spends on the password page
     * does not count against {@link #FRESH_MINUTES}; warns when the realm lets the old password be "changed" to itself.
     */
    public static void markFreshFactor(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession) {
        if (clearsOnPasswordChange(session, realm, authSession)) {
            authSession.setAuthNote(FRESH_FACTOR_NOTE, Integer.toString(Time.currentTime()));
        }
        warnWithoutPasswordHistory(session, realm);
    }

    /**
     * Keycloak's Update Password takes the current password again unless the realm's password policy has
     * {@code passwordHistory} ("Not recently used") of at least 1: then "changing" to the same password would clear the
     * risk. Logged once an hour per realm, cluster-wide.
     */
    static void warnWithoutPasswordHistory(KeycloakSession session, RealmModel realm) {
        if (!needsPasswordHistory(realm.getPasswordPolicy())) {
            return;
        }
        if (session.singleUseObjects().putIfAbsent("mfa-risk-no-history:" + realm.getId(), HISTORY_LOG_SECONDS)) {
            LOG.warnf("Realm %s: grant password-change asks for a new password, but the realm's password policy has no "
                    + "'Not recently used' (passwordHistory) of at least 1, so the user may keep the current password "
                    + "and it still clears the user's risk; add that policy", realm.getName());
        }
    }

    /** Whether the policy lacks {@code passwordHistory} ≥ 1 (which makes Update Password refuse the current one). */
    static boolean needsPasswordHistory(PasswordPolicy policy) {
        return policy == null || policy.getExpiredPasswords() < 1;
    }

    static void removeUser(KeycloakSession session, String userId) {
        em(session).createQuery("delete from MfaUserRisk r where r.userId = :user").setParameter("user", userId)
                .executeUpdate();
    }

    static void removeRealm(KeycloakSession session, String realmId) {
        em(session).createQuery("delete from MfaUserRisk r where r.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
    }

    private static boolean isFactorStep(KeycloakSession session, RealmModel realm, String executionId) {
        String type = SecondFactor.checkedType(session, realm.getAuthenticationExecutionById(executionId));
        return type != null && SecondFactor.isFactor(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> completed(AuthenticationSessionModel authSession) {
        String json = authSession.getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED);
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Number> map = JsonSerialization.readValue(json, Map.class);
            return map == null ? Map.of() : map;
        } catch (IOException | ClassCastException e) {
            return Map.of();
        }
    }

    private static UserRiskEntity row(KeycloakSession session, RealmModel realm, UserModel user) {
        return row(session, realm, user, LockModeType.NONE);
    }

    private static UserRiskEntity row(KeycloakSession session, RealmModel realm, UserModel user, LockModeType lock) {
        UserRiskEntity row = em(session).find(UserRiskEntity.class, user.getId(), lock);
        return row != null && realm.getId().equals(row.realmId) ? row : null;
    }

    private static UserRisk toValue(UserRiskEntity row) {
        RiskLevel level = RiskLevel.parse(row.level);
        return new UserRisk(level == null ? RiskLevel.HIGH : level, row.since, row.updated, reasons(row.reasons),
                row.clearedBy, row.cleared); // an unreadable level fails closed
    }

    private static void write(UserRiskEntity row, UserRisk risk) {
        row.level = risk.level().id();
        row.since = risk.since();
        row.updated = risk.updated();
        row.clearedBy = risk.clearedBy();
        row.cleared = risk.cleared();
        try {
            String json = JsonSerialization.writeValueAsString(risk.reasons());
            // 4000 characters hold the ten newest reasons; drop the oldest if long texts do not fit
            List<UserRisk.Reason> reasons = risk.reasons();
            while (json.length() > 4000 && !reasons.isEmpty()) {
                reasons = reasons.subList(1, reasons.size());
                json = JsonSerialization.writeValueAsString(reasons);
            }
            row.reasons = json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<UserRisk.Reason> reasons(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.asList(JsonSerialization.readValue(json, UserRisk.Reason[].class));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
