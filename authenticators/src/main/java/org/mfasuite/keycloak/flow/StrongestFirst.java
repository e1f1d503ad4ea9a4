package org.mfasuite.keycloak.flow;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Starts a sub-flow of alternative second-factor steps with the step {@link MethodOrder#first} names.
 * <p>
 * How Keycloak 26.7 picks the alternative that runs first: it processes the sub-flow's first alternative, builds the
 * list of ways for it ({@code AuthenticationSelectionResolver}: the steps that check a credential in the order of the
 * user's credentials, then the others in flow order) and runs the way whose execution id is the authentication
 * session's note {@code current.authentication.execution}, else the list's first
 * ({@code DefaultAuthenticationFlow.resolveSelectedExecution}). That note names the step whose page was shown last, so
 * a reloaded page keeps the way the user picked; Keycloak clears it when a step's form was answered (the password
 * form, say). Called by the condition that guards the sub-flow, which Keycloak evaluates right before the sub-flow's
 * steps, this class sets the note to the step to start with — only while it is empty, so a way the user picked is
 * never taken back — and leaves everything else (the list under "Sign in another way", what a picked way may be) to
 * Keycloak.
 */
public final class StrongestFirst {

    private StrongestFirst() {
    }

    /**
     * @param context        the context of a condition in the sub-flow whose alternatives are ordered
     * @param strongestFirst the realm's switch
     */
    public static void apply(AuthenticationFlowContext context, boolean strongestFirst) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        if (!strongestFirst || user == null || authSession == null || context.getExecution() == null
                || authSession.getAuthNote(AuthenticationProcessor.CURRENT_AUTHENTICATION_EXECUTION) != null) {
            return;
        }
        List<MethodOrder.Step> steps = new ArrayList<>();
        if (!alternatives(context.getSession(), context.getRealm(), context.getExecution().getParentFlow(), steps, 0)) {
            return; // a sub-flow of required steps: nothing to choose
        }
        List<MethodOrder.Step> usable = steps.stream().filter(s -> OtherWays.usable(context, s.authenticator())).toList();
        List<String> types = user.credentialManager().getStoredCredentialsStream().map(CredentialModel::getType).toList();
        MethodOrder.Step first = MethodOrder.first(true, usable, types, DefaultChoice.of(user));
        if (first != null) {
            authSession.setAuthNote(AuthenticationProcessor.CURRENT_AUTHENTICATION_EXECUTION, first.executionId());
        }
    }

    /**
     * The sub-flow's ways as Keycloak collects them: every alternative; inside a nested sub-flow of required steps
     * only its first. Returns whether the flow's own steps are alternatives.
     */
    private static boolean alternatives(KeycloakSession session, RealmModel realm, String flowId,
                                        List<MethodOrder.Step> steps, int depth) {
        if (depth > 10) {
            return false;
        }
        List<AuthenticationExecutionModel> executions = realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> !e.isDisabled() && !isCondition(session, e)).toList();
        List<AuthenticationExecutionModel> required = executions.stream()
                .filter(e -> e.isRequired() || e.isConditional()).toList();
        List<AuthenticationExecutionModel> taken = required.isEmpty()
                ? executions.stream().filter(AuthenticationExecutionModel::isAlternative).toList()
                : required.subList(0, 1);
        for (AuthenticationExecutionModel e : taken) {
            if (e.isAuthenticatorFlow()) {
                alternatives(session, realm, e.getFlowId(), steps, depth + 1);
            } else {
                steps.add(new MethodOrder.Step(e.getId(), e.getAuthenticator(), credentialType(session, e)));
            }
        }
        return required.isEmpty();
    }

    private static boolean isCondition(KeycloakSession session, AuthenticationExecutionModel e) {
        return !e.isAuthenticatorFlow() && e.getAuthenticator() != null
                && authenticator(session, e) instanceof ConditionalAuthenticator;
    }

    private static String credentialType(KeycloakSession session, AuthenticationExecutionModel e) {
        return authenticator(session, e) instanceof CredentialValidator<?> validator ? validator.getType(session) : null;
    }

    private static Authenticator authenticator(KeycloakSession session, AuthenticationExecutionModel e) {
        return session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, e.getAuthenticator())
                instanceof AuthenticatorFactory factory ? factory.create(session) : null;
    }
}
