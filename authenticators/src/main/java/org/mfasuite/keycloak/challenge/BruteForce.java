package org.mfasuite.keycloak.challenge;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.mfasuite.keycloak.compat.BruteForceProtectorCalls;

/**
 * Counts one-time-code checks against guessing. With the realm's brute-force protection on, Keycloak's own
 * protector counts them (as {@code otp} failures, the category it knows). With it off, wrong codes are
 * still capped: at most {@link #UNPROTECTED_DAILY_FAILURES} per user per day (NIST SP 800-63B).
 * The only class that calls {@link BruteForceProtector}: it is private API and has changed between releases
 * ({@link BruteForceProtectorCalls} reports to it on every supported Keycloak).
 */
public final class BruteForce {

    private static final String OTP = OTPCredentialModel.TYPE;
    private static final String PASSWORD = PasswordCredentialModel.TYPE;
    private static final int DAY = 86400;
    /** Wrong codes one user may enter per day when the realm's brute-force protection is off (NIST: at most 100). */
    static final int UNPROTECTED_DAILY_FAILURES = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final String category;

    /** Checks of one-time codes: {@code otp} failures, capped per day when the realm's protection is off. */
    public BruteForce(KeycloakSession session, RealmModel realm, UserModel user) {
        this(session, realm, user, OTP);
    }

    private BruteForce(KeycloakSession session, RealmModel realm, UserModel user, String category) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.category = category;
    }

    /**
     * Checks of what stands in for the password (app passwords): counted as wrong passwords are ({@code password}
     * failures). With the realm's protection off nothing is counted, as for passwords: a 112-bit secret needs no cap.
     */
    public static BruteForce forPasswords(KeycloakSession session, RealmModel realm, UserModel user) {
        return new BruteForce(session, realm, user, PASSWORD);
    }

    private boolean capped() {
        return OTP.equals(category);
    }

    public boolean isLockedOut() {
        if (!realm.isBruteForceProtected()) {
            return capped() && dailyFailures().isFull(subject(), UNPROTECTED_DAILY_FAILURES, DAY, Time.currentTime());
        }
        BruteForceProtector protector = protector();
        return protector.isPermanentlyLockedOut(session, realm, user) || protector.isTemporarilyDisabled(session, realm, user);
    }

    /** A wrong answer checked outside a failing authenticator step (a required action's check): always reported. */
    public void failed() {
        if (!realm.isBruteForceProtected()) {
            if (!capped()) {
                return;
            }
            WindowBudget failures = dailyFailures();
            failures.commit(failures.claim(subject(), UNPROTECTED_DAILY_FAILURES, DAY, Time.currentTime()));
            return;
        }
        BruteForceProtectorCalls.failedLogin(protector(), realm, user, session.getContext().getConnection(),
                session.getContext().getUri(), category);
    }

    /**
     * A wrong answer in an authenticator that then fails its step ({@code context.failure} or
     * {@code failureChallenge}). Keycloak 26.5 counts every failed step itself, so there it is not reported twice.
     */
    public void failedStep() {
        if (realm.isBruteForceProtected() && BruteForceProtectorCalls.keycloakCountsEveryFailedStep()) {
            return;
        }
        failed();
    }

    /** A correct code (or app password): clears the user's failures of that category (the protector's own bookkeeping). */
    public void succeeded() {
        if (realm.isBruteForceProtected()) {
            BruteForceProtectorCalls.successfulLogin(protector(), realm, user, session.getContext().getConnection(),
                    session.getContext().getUri(), category);
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
