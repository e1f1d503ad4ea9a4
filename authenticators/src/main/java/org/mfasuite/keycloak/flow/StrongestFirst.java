package org.mfasuite.keycloak.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Starts a sub-flow of alternative second-factor steps with the step {@link MethodOrder#first} names.
 * <p>
 * How Keycloak 26.7.3 picks the alternative that runs first ({@code DefaultAuthenticationFlow
 * .processSingleFlowExecutionModel}): it processes the sub-flow's first alternative, builds the list of ways for it
 * ({@code AuthenticationSelectionResolver}: the steps that check a credential in the order of the user's credentials,
 * then the other steps in flow order) and runs the list's first way — nothing else is consulted (a later Keycloak also
 * keeps the way of a reloaded page). The one lever is therefore the user's credential order: called by the condition
 * that guards the sub-flow, which Keycloak evaluates right before the sub-flow's steps, this class moves the credential
 * of the step to start with to the top of the user's order, when another step's credential leads. It writes only when
 * the order is not yet so; everything else (the list under "Sign in another way", what a picked way may be) stays
 * Keycloak's. A chosen default ({@link DefaultChoice}) is what keeps a weaker method on top.
 */
public final class StrongestFirst {

    private StrongestFirst() {
    }

    /**
     * @param context        the context of a condition in the sub-flow whose alternatives are ordered
     * @param strongestFirst the realm's switch
     */
    public static void apply(AuthenticationFlowContext context, boolean strongestFirst) {
        UserModel user = context.getUser();
        if (!strongestFirst || user == null || context.getExecution() == null) {
            return;
        }
        List<MethodOrder.Step> steps = new ArrayList<>();
        if (!alternatives(context.getSession(), context.getRealm(), context.getExecution().getParentFlow(), steps, 0)) {
            return; // a sub-flow of required steps: nothing to choose
        }
        List<CredentialModel> credentials = user.credentialManager().getStoredCredentialsStream().toList();
        List<MethodOrder.Step> usable = steps.stream().filter(s -> OtherWays.usable(context, s.authenticator())).toList();
        MethodOrder.Step first = MethodOrder.first(true, usable,
                credentials.stream().map(CredentialModel::getType).toList(), DefaultChoice.of(user));
        if (first == null || first.credentialType() == null) {
            return; // Keycloak's choice stands, or a step that checks no credential: the order cannot name it
        }
        Set<String> stepTypes = steps.stream().map(MethodOrder.Step::credentialType).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        CredentialModel lead = credentials.stream().filter(c -> stepTypes.contains(c.getType())).findFirst().orElse(null);
        if (lead != null && !lead.getType().equals(first.credentialType())) {
            credentials.stream().filter(c -> c.getType().equals(first.credentialType())).findFirst()
                    .ifPresent(c -> user.credentialManager().moveStoredCredentialTo(c.getId(), null));
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
