package org.mfasuite.keycloak.access;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SecondFactor;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.flow.OtherWays;
import org.mfasuite.keycloak.trust.TrustedDevices;

/** Whether a sign-in has met the second factor its decision requires, and whether the user could meet it. */
final class AccessRequirement {

    /**
     * Set when the gate started a method's registration, which it does only as {@link SecondFactor#next} allows:
     * registering then stands in for the factor (a user who has none, or one who gave a factor and registers a
     * stronger one).
     */
    static final String REGISTERING_NOTE = "mfa-access.registering";

    private AccessRequirement() {
    }

    /**
     * Met by: a stand-in for the second factor such as an app password or a temporary access pass (for {@code mfa}
     * only), a second-factor
     * step of this flow that succeeded in this SSO session (within the sign-in frequency, if one is set), a
     * remembered device (for {@code mfa}, when no sign-in frequency applies), or a registration the gate started in
     * this sign-in under the one rule ({@link SecondFactor}). Always met when the decision requires no second factor.
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
        if (grant == Grant.MFA && SecondFactor.passGiven(context.getAuthenticationSession())) {
            return true; // a temporary access pass: a second factor, never a phishing-resistant one
        }
        if (grant == Grant.MFA && context.getAuthenticationSession().getAuthNote(AccessDecisions.STAND_IN_NOTE) != null) {
            return true; // an app password: stands for the MFA-protected set-up, not for a phishing-resistant one
        }
        if (stepSucceeded(context, decision, flow, grant == Grant.PHISHING_RESISTANT)) {
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

    /**
     * Whether a second-factor step of this flow (any, or phishing-resistant only) succeeded in this SSO session,
     * within the sign-in frequency if one is set.
     */
    private static boolean stepSucceeded(AuthenticationFlowContext context, SignInDecision decision, FlowPolicies flow,
                                         boolean phishingResistantOnly) {
        long since = decision.signInFrequencyHours() > 0
                ? Time.currentTime() - decision.signInFrequencyHours() * 3600L : Long.MIN_VALUE;
        Map<String, Integer> completed = CompletedSteps.parse(
                context.getAuthenticationSession().getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED));
        return CompletedSteps.metSince(completed, flow.secondFactorSteps(), phishingResistantOnly, since);
    }

    /**
     * Whether the user gave some second factor in this sign-in (a step, or a temporary access pass), whether or not
     * it met the grant.
     */
    static boolean given(AuthenticationFlowContext context, SignInDecision decision, FlowPolicies flow) {
        return SecondFactor.passGiven(context.getAuthenticationSession()) || stepSucceeded(context, decision, flow, false);
    }

    /** Whether the user has a second factor the realm accepts anywhere ({@link SecondFactor#factorsOf}). */
    static boolean hasFactor(AuthenticationFlowContext context) {
        return !SecondFactor.factorsOf(context.getSession(), context.getRealm(), context.getUser()).isEmpty();
    }

    /**
     * What a sign-in that has not met the grant does next: {@link SecondFactor#next}, the one rule, with this
     * sign-in's facts.
     */
    static SecondFactor.Next next(AuthenticationFlowContext context, SignInDecision decision, FlowPolicies flow,
                                  Grant grant) {
        return SecondFactor.next(grant == Grant.PHISHING_RESISTANT, hasFactor(context), given(context, decision, flow),
                hasMethod(context, flow, grant), hasMethod(context, flow, Grant.MFA));
    }

    /** Whether the user has set up some step of the flow that would meet the grant. */
    static boolean hasMethod(AuthenticationFlowContext context, FlowPolicies flow, Grant grant) {
        return flow.secondFactorSteps().values().stream()
                .filter(step -> grant != Grant.PHISHING_RESISTANT || step.phishingResistant())
                .anyMatch(step -> OtherWays.usable(context, step.authenticator()));
    }
}
