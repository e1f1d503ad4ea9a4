package org.mfasuite.keycloak.access;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.mfasuite.keycloak.audit.SignInDetails;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.risk.SignInRisk;

/**
 * Puts the sign-in's decision on its LOGIN event. Keycloak sends that event in the request that ends the sign-in
 * (after the last step or the last required action), where none of our steps may run; the triggers of every
 * enabled required action are evaluated in exactly that request, with that event. Never asks the user anything.
 */
public class AccessEventDetailsAction implements RequiredActionProvider {

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        if (context.getEvent() != null) {
            SignInDetails.onLoginEvent(context.getEvent(), context.getAuthenticationSession()); // node, the check
        }
        SignInDecision decision = AccessDecisions.taken(context.getAuthenticationSession());
        if (decision != null && context.getEvent() != null) {
            AccessDecisions.describe(context.getEvent(), decision);
        }
        SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void close() {
    }
}
