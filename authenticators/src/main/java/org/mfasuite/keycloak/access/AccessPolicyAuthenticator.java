package org.mfasuite.keycloak.access;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.risk.SignInRisk;

/**
 * One policy in the flow. Every enabled policy of the flow counts in the decision whatever the position of this
 * step, so the step itself only takes the decision (once per flow) and puts it on the event; the gate and the
 * condition enforce it.
 */
public class AccessPolicyAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AccessDecisions.describe(context.getEvent(), AccessDecisions.of(context));
        SignInRisk.describe(context.getEvent(), context.getAuthenticationSession());
        // Every policy of the flow is in the decision now, so its other policy steps are done as well: marking
        // them spares Keycloak running each one (per step it writes the session and rewrites a note of all
        // completed steps, which with 200 policies costs more than evaluating them).
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Map<String, AuthenticationSessionModel.ExecutionStatus> statuses = authSession.getExecutionStatus();
        for (String step : AccessDecisions.flow(context).policySteps()) {
            if (!step.equals(context.getExecution().getId()) && statuses.get(step) == null) {
                authSession.setExecutionStatus(step, AuthenticationSessionModel.ExecutionStatus.SUCCESS);
            }
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
