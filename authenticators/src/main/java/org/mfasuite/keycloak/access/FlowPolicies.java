package org.mfasuite.keycloak.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;

/**
 * What one authentication flow says about conditional access: its enabled policies (executions of
 * {@code mfa-access-policy} anywhere in the flow, sub-flows included; their order does not matter) and its
 * second-factor steps (the executions of every sub-flow guarded by {@code mfa-access-required}).
 * <p>
 * A policy naming a group or role the realm does not have fails closed: it gets a problem and blocks.
 *
 * @param secondFactorSteps       each second-factor step by execution id
 * @param policySteps            execution ids of the enabled policy steps
 * @param phishingResistantGuard whether some sub-flow's {@code mfa-access-required} asks for phishing-resistant
 *                               methods only (then the other sub-flows leave such decisions to it)
 * @param order                  every enabled execution in the order Keycloak runs them (depth first)
 */
public record FlowPolicies(List<AccessPolicy> policies, Map<String, SecondFactorStep> secondFactorSteps,
                           boolean phishingResistantGuard, List<String> policySteps, List<GatePlacement.Step> order) {

    /** One execution that gives a second factor. */
    public record SecondFactorStep(String authenticator, boolean phishingResistant) {
    }

    private static final Logger LOG = Logger.getLogger(FlowPolicies.class);
    /** Keycloak's WebAuthn and passkey authenticators: the only phishing-resistant methods. */
    static final Set<String> PHISHING_RESISTANT = Set.of("webauthn-authenticator", "webauthn-authenticator-passwordless");

    public FlowPolicies {
        policies = List.copyOf(policies);
        secondFactorSteps = Map.copyOf(secondFactorSteps);
        policySteps = List.copyOf(policySteps);
        order = List.copyOf(order);
    }

    public static FlowPolicies read(KeycloakSession session, RealmModel realm, String flowId) {
        return read(session, realm, flowId, true);
    }

    /** The flow's second-factor steps only: what the condition and the gate need once the decision is taken. */
    public static FlowPolicies steps(KeycloakSession session, RealmModel realm, String flowId) {
        return read(session, realm, flowId, false);
    }

    private static FlowPolicies read(KeycloakSession session, RealmModel realm, String flowId, boolean withPolicies) {
        List<AccessPolicy> policies = withPolicies ? new ArrayList<>() : null;
        Map<String, SecondFactorStep> steps = new LinkedHashMap<>();
        List<String> policySteps = new ArrayList<>();
        List<GatePlacement.Step> order = new ArrayList<>();
        boolean[] prGuard = {false};
        walk(session, realm, flowId, false, policies, steps, policySteps, order, prGuard, 0);
        Map<String, Boolean> known = new HashMap<>(); // many policies name the same groups and roles
        return new FlowPolicies(withPolicies ? policies.stream().map(p -> checked(session, realm, p, known)).toList()
                : List.of(), steps, prGuard[0], policySteps, order);
    }

    private static void walk(KeycloakSession session, RealmModel realm, String flowId, boolean guarded,
                             List<AccessPolicy> policies, Map<String, SecondFactorStep> steps,
                             List<String> policySteps, List<GatePlacement.Step> order, boolean[] prGuard,
                             int depth) {
        if (depth > 20) {
            return; // flows cannot nest this deep; a cycle would otherwise never end
        }
        List<AuthenticationExecutionModel> executions = realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED).toList();
        boolean guardedHere = guarded || executions.stream()
                .anyMatch(e -> AccessRequiredConditionFactory.PROVIDER_ID.equals(e.getAuthenticator()));
        for (AuthenticationExecutionModel e : executions) {
            order.add(new GatePlacement.Step(e.getId(), flowId));
            if (e.isAuthenticatorFlow()) {
                walk(session, realm, e.getFlowId(), guardedHere, policies, steps, policySteps, order, prGuard,
                        depth + 1);
            } else if (AccessPolicyAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator())) {
                policySteps.add(e.getId());
                if (policies == null) {
                    continue;
                }
                AccessPolicy policy = policyOf(realm, e);
                if (policy != null) {
                    policies.add(policy);
                }
            } else if (AccessRequiredConditionFactory.PROVIDER_ID.equals(e.getAuthenticator())) {
                prGuard[0] |= AccessRequiredConditionFactory.phishingResistantOnly(realm, e);
            } else if (guardedHere && !isCondition(session, e.getAuthenticator())) {
                steps.put(e.getId(), new SecondFactorStep(e.getAuthenticator(),
                        PHISHING_RESISTANT.contains(e.getAuthenticator())));
            }
        }
    }

    /**
     * A policy execution without a config is not a policy yet: it is what the flow editor creates first. One whose
     * config is gone (removed with another execution that shared it) fails closed.
     */
    static AccessPolicy policyOf(RealmModel realm, AuthenticationExecutionModel e) {
        if (e.getAuthenticatorConfig() == null) {
            LOG.debugf("Realm %s: a policy execution (%s) has no config yet and is ignored", realm.getName(), e.getId());
            return null;
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(e.getAuthenticatorConfig());
        if (config == null) {
            return AccessPolicy.from("(missing config " + e.getAuthenticatorConfig() + ")", Map.of())
                    .withProblem(new PolicyProblem(null, PolicyProblem.MISSING_CONFIG, e.getAuthenticatorConfig(),
                            "Its config no longer exists"));
        }
        return AccessPolicy.from(config.getAlias(), config.getConfig());
    }

    private static boolean isCondition(KeycloakSession session, String authenticatorId) {
        ProviderFactory<?> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(org.keycloak.authentication.Authenticator.class, authenticatorId);
        return factory instanceof ConditionalAuthenticatorFactory;
    }

    /**
     * A policy read from its config, checked against the realm as a sign-in checks it: what the admin REST
     * reports and refuses on save, so the page and the evaluation cannot disagree.
     */
    static AccessPolicy checked(KeycloakSession session, RealmModel realm, AccessPolicy policy) {
        return checked(session, realm, policy, new HashMap<>());
    }

    /**
     * The policy, with a problem for each group, role or client it names that the realm does not have (renamed or
     * deleted). An unknown included group or role widens the policy to every user its exclusions leave: the users it
     * meant can no longer be told apart, and a block is safer than a pass. An unknown exclude excludes nobody. An
     * unknown client (included or excluded) only adds the problem: the policy blocks the sign-ins it covers.
     */
    private static AccessPolicy checked(KeycloakSession session, RealmModel realm, AccessPolicy policy,
                                        Map<String, Boolean> known) {
        PolicyConditions c = policy.conditions();
        AccessPolicy result = policy;
        Predicate<String> noGroup = path -> !known.computeIfAbsent("g:" + path,
                k -> KeycloakModelUtils.findGroupByPath(session, realm, path) != null);
        Predicate<String> noRole = name -> !known.computeIfAbsent("r:" + name,
                k -> role(realm, name) != null);
        Predicate<String> noClient = id -> !known.computeIfAbsent("c:" + id,
                k -> realm.getClientByClientId(id) != null);
        for (String path : sorted(c.includeGroups())) {
            if (noGroup.test(path)) {
                result = result.includingEveryone(new PolicyProblem(AccessPolicy.INCLUDE_GROUPS,
                        PolicyProblem.UNKNOWN_GROUP, path,
                        "Include groups: group '" + path + "' does not exist in this realm"));
            }
        }
        for (String role : sorted(c.includeRoles())) {
            if (noRole.test(role)) {
                result = result.includingEveryone(new PolicyProblem(AccessPolicy.INCLUDE_ROLES,
                        PolicyProblem.UNKNOWN_ROLE, role, "Include roles: role '" + role + "' does not exist in this realm"));
            }
        }
        for (String path : sorted(c.excludeGroups())) {
            if (noGroup.test(path)) {
                result = result.withProblem(new PolicyProblem(AccessPolicy.EXCLUDE_GROUPS, PolicyProblem.UNKNOWN_GROUP,
                        path, "Exclude groups: group '" + path + "' does not exist in this realm"));
            }
        }
        for (String role : sorted(c.excludeRoles())) {
            if (noRole.test(role)) {
                result = result.withProblem(new PolicyProblem(AccessPolicy.EXCLUDE_ROLES, PolicyProblem.UNKNOWN_ROLE,
                        role, "Exclude roles: role '" + role + "' does not exist in this realm"));
            }
        }
        for (String client : sorted(c.includeClients())) {
            if (noClient.test(client)) {
                result = result.withProblem(new PolicyProblem(AccessPolicy.INCLUDE_CLIENTS,
                        PolicyProblem.UNKNOWN_CLIENT, client,
                        "Include clients: client '" + client + "' does not exist in this realm"));
            }
        }
        for (String client : sorted(c.excludeClients())) {
            if (noClient.test(client)) {
                result = result.withProblem(new PolicyProblem(AccessPolicy.EXCLUDE_CLIENTS,
                        PolicyProblem.UNKNOWN_CLIENT, client,
                        "Exclude clients: client '" + client + "' does not exist in this realm"));
            }
        }
        return result;
    }

    /** Problems in a stable order: the sets come from config in no particular one. */
    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** A realm role by name, or a client role written {@code client-id/role}; null when there is none. */
    static RoleModel role(RealmModel realm, String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return realm.getRole(name);
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, slash));
        return client == null ? null : client.getRole(name.substring(slash + 1));
    }

    /** A group's path as policies write it: {@code /parent/child}. */
    static String pathOf(GroupModel group) {
        StringBuilder path = new StringBuilder();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            path.insert(0, "/" + g.getName());
        }
        return path.toString();
    }
}
