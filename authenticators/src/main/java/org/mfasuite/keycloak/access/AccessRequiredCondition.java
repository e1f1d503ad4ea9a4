package org.mfasuite.keycloak.access;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.flow.StrongestFirst;
import org.mfasuite.keycloak.registration.RegisterSettings;
import org.mfasuite.keycloak.risk.SignInRisk;

/**
 * Lets a conditional sub-flow of second-factor methods run only when this sign-in's decision requires a second
 * factor that is not met yet. A user with none of the sub-flow's methods skips it: the gate then starts a
 * registration or refuses, never a silent pass. Under a phishing-resistant decision, a user who has no
 * phishing-resistant method but another factor gives that factor in a sub-flow of any methods first: registering
 * a security key counts only after it ({@link org.mfasuite.keycloak.core.SecondFactor}). When no policy applies, the sub-flow runs for users who have set
 * up one of its methods (the flow's own default, configurable); {@code allow} skips it.
 */
public class AccessRequiredCondition implements ConditionalAuthenticator {

    /**
     * When the sub-flow runs, it starts with the user's strongest method ({@link StrongestFirst}), unless the realm
     * turned that off.
     */
    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        boolean runs = runs(context);
        if (runs) {
            StrongestFirst.apply(context, RegisterSettings.of(context.getRealm()).strongestFirst());
        }
        return runs;
    }

    private static boolean runs(AuthenticationFlowContext context) {
        SignInDecision decision = AccessDecisions.of(context);
        AccessDecisions.describe(context.getEvent(), decision);
        SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
        Grant grant = decision.grantValue();
        boolean phishingResistantOnly = AccessRequiredConditionFactory.phishingResistantOnly(
                context.getAuthenticatorConfig());
        if (grant == Grant.NONE && !phishingResistantOnly
                && AccessRequiredConditionFactory.runsIfSetUp(context.getAuthenticatorConfig())) {
            // no policy applies: the flow's own default, as Keycloak's "Condition - user configured"
            FlowPolicies flow = AccessDecisions.flow(context);
            return !AccessRequirement.met(context, decision, flow, Grant.MFA)
                    && AccessRequirement.hasMethod(context, flow, Grant.MFA);
        }
        if (!grant.needsSecondFactor()) {
            return false;
        }
        FlowPolicies flow = AccessDecisions.flow(context);
        if (phishingResistantOnly && grant != Grant.PHISHING_RESISTANT) {
            return false;
        }
        if (AccessRequirement.met(context, decision, flow)) {
            return false;
        }
        if (phishingResistantOnly || grant != Grant.PHISHING_RESISTANT) {
            return AccessRequirement.hasMethod(context, flow, grant);
        }
        // A phishing-resistant decision in a sub-flow of any methods. A user without a phishing-resistant method who
        // has another factor gives it here first (the one rule: only then may she register a stronger one); a user
        // with one uses the phishing-resistant sub-flow, if the flow has one.
        boolean phishingResistantMethod = AccessRequirement.hasMethod(context, flow, Grant.PHISHING_RESISTANT);
        if (phishingResistantMethod) {
            return !flow.phishingResistantGuard();
        }
        return !AccessRequirement.given(context, decision, flow) && AccessRequirement.hasMethod(context, flow, Grant.MFA);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
