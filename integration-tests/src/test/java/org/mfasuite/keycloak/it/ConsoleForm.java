package org.mfasuite.keycloak.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;

/**
 * What the admin console (v2) saves for a config form the admin did not touch, property by property: a list field
 * posts its default value, or else its first option, or else "" (admin-ui {@code components/dynamic/ListComponent.tsx}:
 * {@code defaultValue || options?.[0] || ""}); other fields post their default value, when they have one.
 */
final class ConsoleForm {

    private ConsoleForm() {
    }

    /** The untouched config of an authenticator's form, read from the server's own config description. */
    static Map<String, String> untouched(AuthenticationManagementResource flows, String providerId) {
        return untouched(flows.getAuthenticatorConfigDescription(providerId).getProperties());
    }

    static Map<String, String> untouched(List<ConfigPropertyRepresentation> properties) {
        Map<String, String> config = new HashMap<>();
        for (ConfigPropertyRepresentation p : properties) {
            String defaultValue = p.getDefaultValue() == null ? "" : String.valueOf(p.getDefaultValue());
            if ("List".equals(p.getType())) {
                List<String> options = p.getOptions();
                config.put(p.getName(), !defaultValue.isEmpty() ? defaultValue
                        : options == null || options.isEmpty() ? "" : options.get(0));
            } else if (!defaultValue.isEmpty()) {
                config.put(p.getName(), defaultValue);
            }
        }
        return config;
    }
}
