package org.mfasuite.keycloak.it;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Changes a demo policy (an {@code mfa-access-policy} config, shared by the browser and the direct-grant flow)
 * through the admin API, as an admin does in the flow editor; the realm cleanup puts it back.
 */
final class AccessPolicyConfig {

    static final String BROWSER_FLOW = "browser with mfa";

    private AccessPolicyConfig() {
    }

    /** Sets keys of the policy named {@code alias}; a null value removes the key. */
    static void set(ManagedRealm realm, String alias, Map<String, String> changes) {
        AuthenticationManagementResource flows = realm.admin().flows();
        String configId = flows.getExecutions(BROWSER_FLOW).stream()
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .filter(id -> id != null && alias.equals(flows.getAuthenticatorConfig(id).getAlias()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no policy " + alias));
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(original);
        changes.forEach((k, v) -> {
            if (v == null) {
                updated.remove(k);
            } else {
                updated.put(k, v);
            }
        });
        config.setConfig(updated);
        flows.updateAuthenticatorConfig(configId, config);
        realm.cleanup().add(r -> {
            AuthenticatorConfigRepresentation restore = r.flows().getAuthenticatorConfig(configId);
            restore.setConfig(original);
            r.flows().updateAuthenticatorConfig(configId, restore);
        });
    }
}
