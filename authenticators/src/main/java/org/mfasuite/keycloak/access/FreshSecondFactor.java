package org.mfasuite.keycloak.access;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.challenge.IntSetting;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SecondFactor;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.risk.UserRisks;

/**
 * "This SSO session gave a second factor within the last N minutes", for actions that need a fresh one (creating
 * an app password, as Entra asks "verify your identity" before security info changes). Read from Keycloak's own
 * record of completed executions ({@code authenticators-completed}): an execution counts when its authenticator
 * checks a second-factor credential (phone, OTP or hardware token, WebAuthn or passkey, push device, recovery
 * codes; never a password or an app password). A registration started by the gate in this sign-in counts too.
 * <p>
 * A sign-in that will run such an action needs a second factor whatever the policies say
 * ({@link #strengthen}); older second-factor entries do not count for it, so the flow's own second-factor step
 * asks again. Kept in one small class: it moves to the core package with the general "second factor given" rule.
 */
public final class FreshSecondFactor {

    /** The required action that needs a fresh second factor (read by id, no import: no package cycle). */
    static final String APP_PASSWORD_CREATE = "mfa-app-password-create";
    /** Its config: how fresh, in minutes. */
    public static final IntSetting MINUTES = new IntSetting("fresh-mfa-minutes", 1, 60, 15,
            "Fresh second factor (minutes)", "Creating an app password needs a second factor given within this many "
            + "minutes in the SSO session; otherwise the user is asked for it again first (a user with none "
            + "registers one first).");

    private FreshSecondFactor() {
    }

    /**
     * Whether a second factor was given within {@code minutes} in this SSO session, or registered in this sign-in,
     * or a temporary access pass was given in this sign-in.
     */
    public static boolean given(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                int minutes) {
        if (authSession.getAuthNote(AccessRequirement.REGISTERING_NOTE) != null || SecondFactor.passGiven(authSession)) {
            return true;
        }
        long since = Time.currentTime() - minutes * 60L;
        Map<String, Integer> completed = CompletedSteps.parse(
                authSession.getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED));
        return completed.entrySet().stream().anyMatch(e -> e.getValue() != null && e.getValue() >= since
                && isSecondFactor(session, realm, e.getKey()));
    }

    /** Whether this sign-in runs an action that needs a fresh second factor: the app-initiated one or the user's. */
    static boolean needed(AuthenticationSessionModel authSession, UserModel user) {
        return APP_PASSWORD_CREATE.equals(authSession.getClientNote(Constants.KC_ACTION))
                || authSession.getRequiredActions().contains(APP_PASSWORD_CREATE)
                || user != null && user.getRequiredActionsStream().anyMatch(APP_PASSWORD_CREATE::equals);
    }

    /**
     * The decision of a sign-in that runs such an action, or that must change the password (grant
     * {@code password-change}): at least {@code mfa}, no remembered device, and older
     * second-factor entries of the SSO session no longer count for this sign-in (they are dropped from its copy of
     * the record), so the flow's second-factor step asks again. Other sign-ins: unchanged.
     */
    static SignInDecision strengthen(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                     UserModel user, SignInDecision decision) {
        boolean action = needed(authSession, user);
        if (!action && !decision.passwordChange()) {
            return decision;
        }
        // a password change clears the user's risk only after a second factor this recent (UserRisks' rule)
        int minutes = action ? minutes(realm) : UserRisks.FRESH_MINUTES;
        if (action && decision.passwordChange()) {
            minutes = Math.min(minutes, UserRisks.FRESH_MINUTES);
        }
        long since = Time.currentTime() - minutes * 60L;
        Map<String, Integer> completed = new LinkedHashMap<>(CompletedSteps.parse(
                authSession.getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED)));
        if (completed.entrySet().removeIf(e -> (e.getValue() == null || e.getValue() < since)
                && isSecondFactor(session, realm, e.getKey()))) {
            try {
                authSession.setUserSessionNote(Constants.AUTHENTICATORS_COMPLETED,
                        JsonSerialization.writeValueAsString(completed));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Grant grant = decision.grantValue().and(Grant.MFA);
        return new SignInDecision(decision.userId(), grant.id(), decision.policies(), decision.reportOnly(),
                decision.deciding(), decision.signInFrequencyHours(), 0, decision.problems(), decision.flowId(),
                decision.clientId(), decision.country(), decision.passwordChange(), decision.riskDriven());
    }

    /** The action's {@code fresh-mfa-minutes} (1–60), else the default. */
    public static int minutes(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(APP_PASSWORD_CREATE);
        return MINUTES.read(config == null ? null : config.getConfig());
    }

    private static boolean isSecondFactor(KeycloakSession session, RealmModel realm, String executionId) {
        String type = SecondFactor.checkedType(session, realm.getAuthenticationExecutionById(executionId));
        return type != null && SecondFactor.isFactor(type); // the cookie checks none
    }
}
