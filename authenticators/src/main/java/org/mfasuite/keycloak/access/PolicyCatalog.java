package org.mfasuite.keycloak.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Every policy step of every flow the realm or one of its clients is bound to, found by walking those flows (disabled
 * steps and sub-flows included, marked so), each policy read and checked by the code the evaluation uses
 * ({@link FlowPolicies#policyOf}, {@link FlowPolicies#checked}).
 */
public final class PolicyCatalog {

    /** Where a flow is reached from: a realm binding (clientId null) or a client's override of one. */
    public record Reach(String flow, String binding, String clientId) {
    }

    /**
     * One policy: a config shared by one or more steps, or one step without a config yet.
     *
     * @param configId null for a step without a config (not a policy yet: the flow editor's first state)
     * @param policy   as the evaluation reads and checks it; null without a config
     * @param config   the stored config map; empty without one
     * @param enabled  whether some step using it runs (it and every sub-flow above it not disabled)
     */
    public record Entry(String configId, String name, AccessPolicy policy, Map<String, String> config, boolean enabled,
                        List<Reach> reachedFrom) {
    }

    /** The realm's flow bindings, as the admin console names them. */
    private static final List<String> REALM_BINDINGS = List.of(AuthenticationFlowBindings.BROWSER_BINDING,
            AuthenticationFlowBindings.DIRECT_GRANT_BINDING, "registration", "reset_credentials",
            "client_authentication", "docker_auth", "first_broker_login");

    private PolicyCatalog() {
    }

    public static List<Entry> read(KeycloakSession session, RealmModel realm) {
        Map<String, List<Reach>> flows = new LinkedHashMap<>();
        for (String b : REALM_BINDINGS) {
            AuthenticationFlowModel flow = realmFlow(realm, b);
            if (flow != null) {
                flows.computeIfAbsent(flow.getId(), k -> new ArrayList<>()).add(new Reach(flow.getAlias(), b, null));
            }
        }
        realm.getClientsStream().forEach(client -> client.getAuthenticationFlowBindingOverrides().forEach((b, id) -> {
            AuthenticationFlowModel flow = realm.getAuthenticationFlowById(id);
            if (flow != null) {
                flows.computeIfAbsent(id, k -> new ArrayList<>()).add(new Reach(flow.getAlias(), b,
                        client.getClientId()));
            }
        }));
        Map<String, Building> entries = new LinkedHashMap<>();
        flows.forEach((flowId, reaches) -> walk(realm, flowId, true, reaches, entries, 0));
        List<Entry> result = new ArrayList<>();
        for (Building b : entries.values()) {
            AccessPolicy policy = b.policy == null ? null : FlowPolicies.checked(session, realm, b.policy);
            result.add(new Entry(b.configId, policy == null ? null : policy.name(), policy, b.config, b.enabled,
                    List.copyOf(b.reaches)));
        }
        result.sort((x, y) -> String.valueOf(x.name()).compareToIgnoreCase(String.valueOf(y.name())));
        return result;
    }

    /** The policy with this config id, or null when no bound flow uses it as a policy. */
    public static Entry find(KeycloakSession session, RealmModel realm, String configId) {
        return read(session, realm).stream().filter(e -> configId.equals(e.configId())).findFirst().orElse(null);
    }

    private static final class Building {
        String configId;
        AccessPolicy policy;
        Map<String, String> config = Map.of();
        boolean enabled;
        final List<Reach> reaches = new ArrayList<>();
    }

    private static void walk(RealmModel realm, String flowId, boolean enabled, List<Reach> reaches,
                             Map<String, Building> entries, int depth) {
        if (depth > 20) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flowId).forEach(e -> {
            boolean on = enabled && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED;
            if (e.isAuthenticatorFlow()) {
                walk(realm, e.getFlowId(), on, reaches, entries, depth + 1);
            } else if (AccessPolicyAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator())) {
                String key = e.getAuthenticatorConfig() != null ? e.getAuthenticatorConfig() : "step:" + e.getId();
                Building b = entries.get(key);
                if (b == null) {
                    b = new Building();
                    b.configId = e.getAuthenticatorConfig();
                    b.policy = FlowPolicies.policyOf(realm, e);
                    if (b.configId != null && realm.getAuthenticatorConfigById(b.configId) != null) {
                        b.config = Collections.unmodifiableMap(
                                new TreeMap<>(realm.getAuthenticatorConfigById(b.configId).getConfig()));
                    }
                    entries.put(key, b);
                }
                b.enabled |= on;
                for (Reach r : reaches) {
                    if (!b.reaches.contains(r)) {
                        b.reaches.add(r);
                    }
                }
            }
        });
    }

    private static AuthenticationFlowModel realmFlow(RealmModel realm, String binding) {
        return switch (binding) {
            case AuthenticationFlowBindings.BROWSER_BINDING -> realm.getBrowserFlow();
            case AuthenticationFlowBindings.DIRECT_GRANT_BINDING -> realm.getDirectGrantFlow();
            case "registration" -> realm.getRegistrationFlow();
            case "reset_credentials" -> realm.getResetCredentialsFlow();
            case "client_authentication" -> realm.getClientAuthenticationFlow();
            case "docker_auth" -> realm.getDockerAuthenticationFlow();
            default -> realm.getFirstBrokerLoginFlow();
        };
    }
}
