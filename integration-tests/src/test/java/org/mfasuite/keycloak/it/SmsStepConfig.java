package org.mfasuite.keycloak.it;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Changes the demo flow's SMS step settings, or the realm's phone rules, through the admin API, and puts them back. */
public final class SmsStepConfig {

    static final String SECOND_FACTOR_FLOW = "browser with mfa - second factor";

    private SmsStepConfig() {
    }

    /** Sets the given keys on the SMS step's config; the realm cleanup restores the old values. */
    public static void set(ManagedRealm realm, Map<String, String> changes) {
        set(realm, "mfa-sms", changes);
    }

    /** Sets the given keys on the config of the demo flow's step {@code providerId} (e.g. mfa-voice); restored after. */
    public static void set(ManagedRealm realm, String providerId, Map<String, String> changes) {
        AuthenticationManagementResource flows = realm.admin().flows();
        String configId = flows.getExecutions(SECOND_FACTOR_FLOW).stream()
                .filter(e -> providerId.equals(e.getProviderId()))
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .findFirst().orElseThrow();
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(original);
        updated.putAll(changes);
        config.setConfig(updated);
        flows.updateAuthenticatorConfig(configId, config);
        realm.cleanup().add(r -> {
            AuthenticatorConfigRepresentation restore = r.flows().getAuthenticatorConfig(configId);
            restore.setConfig(original);
            r.flows().updateAuthenticatorConfig(configId, restore);
        });
    }

    /** Sets keys of the realm's phone rules (the mfa-phone-register config); the realm cleanup restores them. */
    public static void setRealmRules(ManagedRealm realm, Map<String, String> changes) {
        AuthenticationManagementResource flows = realm.admin().flows();
        RequiredActionConfigRepresentation config = flows.getRequiredActionConfig("mfa-phone-register");
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(original);
        updated.putAll(changes);
        config.setConfig(updated);
        flows.updateRequiredActionConfig("mfa-phone-register", config);
        realm.cleanup().add(r -> {
            RequiredActionConfigRepresentation restore = r.flows().getRequiredActionConfig("mfa-phone-register");
            restore.setConfig(original);
            r.flows().updateRequiredActionConfig("mfa-phone-register", restore);
        });
    }
}
