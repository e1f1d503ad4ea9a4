package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the sign-in cases share: flows built through the admin API as an admin would, bound per client; table rows. */
final class BenchFlows {

    private BenchFlows() {
    }

    /** A new empty top-level flow; returns its id. */
    static String create(ManagedRealm realm, String alias) {
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setDescription("benchmark");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response response = realm.admin().flows().createFlow(flow)) {
            assertEquals(201, response.getStatus(), "create flow " + alias);
            return idOf(response.getLocation());
        }
    }

    /** Adds a Required step to the flow; returns the execution's id. */
    static String step(AuthenticationManagementResource flows, String flowId, String authenticator) {
        AuthenticationExecutionRepresentation execution = new AuthenticationExecutionRepresentation();
        execution.setParentFlow(flowId);
        execution.setAuthenticator(authenticator);
        execution.setRequirement("REQUIRED");
        try (Response response = flows.addExecution(execution)) {
            assertEquals(201, response.getStatus(), "add " + authenticator);
            return idOf(response.getLocation());
        }
    }

    /** Makes the client sign in through the flow (its browser flow override). */
    /**
     * A top-level flow: username and password, then, when there are policies, one {@code mfa-access-policy} step
     * per config (alias → config) and the gate. Returns its id.
     */
    static String passwordAndPolicies(ManagedRealm realm, String alias, Map<String, Map<String, String>> policies) {
        AuthenticationManagementResource flows = realm.admin().flows();
        String flowId = create(realm, alias);
        step(flows, flowId, "auth-username-password-form");
        if (!policies.isEmpty()) {
            policies.forEach((name, config) -> {
                org.keycloak.representations.idm.AuthenticatorConfigRepresentation c =
                        new org.keycloak.representations.idm.AuthenticatorConfigRepresentation();
                c.setAlias(name);
                c.setConfig(config);
                try (Response response = flows.newExecutionConfig(step(flows, flowId, "mfa-access-policy"), c)) {
                    assertEquals(201, response.getStatus(), "config " + name);
                }
            });
            step(flows, flowId, "mfa-access-gate");
        }
        return flowId;
    }

    static void bind(ManagedRealm realm, String clientId, String flowId) {
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        realm.admin().clients().get(client.getId()).update(client);
    }

    /** A public client with the standard flow, redirecting to the benchmark's callback. */
    static ClientRepresentation client(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(BenchRealm.REDIRECT_URI));
        return client;
    }

    /** One row of a sign-in table: flow, count, median, p95, sign-ins per second, speed. */
    static List<String> row(String flow, Samples samples, String ratio) {
        double perSecond = samples.count() * 1e9 / samples.total();
        return List.of(flow, String.valueOf(samples.count()), Samples.millis(samples.percentile(50)),
                Samples.millis(samples.percentile(95)), String.format(Locale.ROOT, "%.1f", perSecond), ratio);
    }

    private static String idOf(URI location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
