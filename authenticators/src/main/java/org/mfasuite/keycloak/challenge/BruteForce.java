package org.mfasuite.keycloak.challenge;

import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Counts one-time-code checks against guessing. With the realm's brute-force protection on, Keycloak's own
 * protector counts them (as {@code otp} failures, the category it knows). With it off, wrong codes are
 * still capped: at most {@link #UNPROTECTED_DAILY_FAILURES} per user per day (NIST SP 800-63B).
 * The only class that calls {@link BruteForceProtector}: it is private API and has changed between releases.
 */
public final class BruteForce {

    private static final Set<String> CATEGORY = Set.of(OTPCredentialModel.TYPE);
    private static final int DAY = 86400;
    /** Wrong codes one user may enter per day when the realm's brute-force protection is off (NIST: at most 100). */
    static final int UNPROTECTED_DAILY_FAILURES = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;

    public BruteForce(KeycloakSession session, RealmModel realm, UserModel user) {
        this.session = session;
        this.realm = realm;
        this.user = user;
    }

    public boolean isLockedOut() {
        if (!realm.isBruteForceProtected()) {
            return dailyFailures().isFull(subject(), UNPROTECTED_DAILY_FAILURES, DAY, Time.currentTime());
        }
        BruteForceProtector protector = protector();
        return protector.isPermanentlyLockedOut(session, realm, user) || protector.isTemporarilyDisabled(session, realm, user);
    }

    public void failed() {
        if (!realm.isBruteForceProtected()) {
            WindowBudget failures = dailyFailures();
            failures.commit(failures.claim(subject(), UNPROTECTED_DAILY_FAILURES, DAY, Time.currentTime()));
            return;
        }
        protector().failedLogin(realm, user, session.getContext().getConnection(), session.getContext().getUri(), CATEGORY);
    }

    /** A correct code: clears the user's one-time-code failures (the protector's own bookkeeping). */
    public void succeeded() {
        if (realm.isBruteForceProtected()) {
            protector().successfulLogin(realm, user, session.getContext().getConnection(), session.getContext().getUri(), CATEGORY);
        }
    }

    private WindowBudget dailyFailures() {
        return new WindowBudget(session.singleUseObjects());
    }

    private String subject() {
        return "failures:" + realm.getId() + ":" + user.getId();
    }

    private BruteForceProtector protector() {
        return session.getProvider(BruteForceProtector.class);
    }
}
