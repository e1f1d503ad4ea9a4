package org.mfasuite.keycloak.access;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Lets a conditional sub-flow of second-factor methods run only when this sign-in's decision requires a second
 * factor that is not met yet. A user with none of the sub-flow's methods skips it: the gate then starts a
 * registration or refuses, never a silent pass. When no policy applies, the sub-flow runs for users who have set
 * up one of its methods (the flow's own default, configurable); {@code allow} skips it.
 */
public class AccessRequiredCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        SignInDecision decision = AccessDecisions.of(context);
        AccessDecisions.describe(context.getEvent(), decision);
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
        if (phishingResistantOnly && grant != Grant.PHISHING_RESISTANT
                || !phishingResistantOnly && grant == Grant.PHISHING_RESISTANT && flow.phishingResistantGuard()) {
            return false;
        }
        return !AccessRequirement.met(context, decision, flow) && AccessRequirement.hasMethod(context, flow, grant);
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
