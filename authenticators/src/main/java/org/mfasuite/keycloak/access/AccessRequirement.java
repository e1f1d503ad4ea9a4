package org.mfasuite.keycloak.access;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.trust.TrustedDevices;

/** Whether a sign-in has met the second factor its decision requires, and whether the user could meet it. */
final class AccessRequirement {

    /** Set when the gate started a method's registration: registering during sign-in proves the factor. */
    static final String REGISTERING_NOTE = "mfa-access.registering";

    private AccessRequirement() {
    }

    /**
     * Met by: a stand-in for the second factor such as an app password (for {@code mfa} only), a second-factor
     * step of this flow that succeeded in this SSO session (within the sign-in frequency, if one is set), a
     * remembered device (for {@code mfa}, when no sign-in frequency applies), or a registration started in this
     * sign-in. Always met when the decision requires no second factor.
     */
    static boolean met(AuthenticationFlowContext context, SignInDecision decision, FlowPolicies flow) {
        return met(context, decision, flow, decision.grantValue());
    }

    /** As {@link #met(AuthenticationFlowContext, SignInDecision, FlowPolicies)}, for a given requirement. */
    static boolean met(AuthenticationFlowContext context, SignInDecision decision, FlowPolicies flow, Grant grant) {
        if (!grant.needsSecondFactor()) {
            return true;
        }
        if (context.getAuthenticationSession().getAuthNote(REGISTERING_NOTE) != null) {
            return true;
        }
        if (grant == Grant.MFA && context.getAuthenticationSession().getAuthNote(AccessDecisions.STAND_IN_NOTE) != null) {
            return true; // an app password: stands for the MFA-protected set-up, not for a phishing-resistant one
        }
        long since = decision.signInFrequencyHours() > 0
                ? Time.currentTime() - decision.signInFrequencyHours() * 3600L : Long.MIN_VALUE;
        Map<String, Integer> completed = CompletedSteps.parse(
                context.getAuthenticationSession().getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED));
        if (CompletedSteps.metSince(completed, flow.secondFactorSteps(), grant == Grant.PHISHING_RESISTANT, since)) {
            return true;
        }
        // A sign-in frequency asks again however well the device is known: it is the stricter of the two.
        if (grant == Grant.MFA && decision.rememberDeviceDays() > 0 && decision.signInFrequencyHours() == 0
                && TrustedDevices.recognises(
                context.getSession(), context.getRealm(), context.getUser(), decision.rememberDeviceDays())) {
            context.getEvent().detail(TrustedDevices.DETAIL, "recognised");
            return true;
        }
        return false;
    }

    /** Whether the user has set up some step of the flow that would meet the grant. */
    static boolean hasMethod(AuthenticationFlowContext context, FlowPolicies flow, Grant grant) {
        KeycloakSession session = context.getSession();
        UserModel user = context.getUser();
        for (FlowPolicies.SecondFactorStep step : flow.secondFactorSteps().values()) {
            if (grant == Grant.PHISHING_RESISTANT && !step.phishingResistant()) {
                continue;
            }
            AuthenticatorFactory factory = (AuthenticatorFactory) session.getKeycloakSessionFactory()
                    .getProviderFactory(Authenticator.class, step.authenticator());
            if (factory == null) {
                continue;
            }
            Authenticator authenticator = factory.create(session);
            if (!authenticator.requiresUser() || authenticator.configuredFor(session, context.getRealm(), user)) {
                return true;
            }
        }
        return false;
    }
}
