package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class AccessPolicyPropertiesTest {

    private static final Map<String, ProviderConfigProperty> BY_KEY = AccessPolicyProperties.all().stream()
            .collect(Collectors.toMap(ProviderConfigProperty::getName, p -> p));

    @Test
    void everyKeyOfTheContractIsAFieldWithHelp() {
        assertEquals(List.of("state", "grant", "include-users", "exclude-users", "include-groups", "exclude-groups",
                        "include-roles", "exclude-roles", "include-clients", "exclude-clients", "networks",
                        "excluded-networks", "client-types", "countries", "excluded-countries", "sign-in-risk", "user-risk",
                        "sign-in-frequency", "remember-device-days"),
                AccessPolicyProperties.all().stream().map(ProviderConfigProperty::getName).toList());
        BY_KEY.values().forEach(p -> assertFalse(p.getHelpText() == null || p.getHelpText().isBlank(), p.getName()));
    }

    @Test
    void multiValuedKeysGetListEditors() {
        assertEquals(ProviderConfigProperty.MULTIVALUED_STRING_TYPE, BY_KEY.get("include-groups").getType());
        assertEquals(ProviderConfigProperty.MULTIVALUED_STRING_TYPE, BY_KEY.get("networks").getType());
        assertEquals(ProviderConfigProperty.MULTIVALUED_LIST_TYPE, BY_KEY.get("client-types").getType());
        assertEquals(List.of("browser", "direct-grant"), BY_KEY.get("client-types").getOptions());
    }

    @Test
    void theConsoleDefaultsAgreeWithHowPoliciesAreRead() {
        assertEquals(List.of("on", "report-only", "off"), BY_KEY.get("state").getOptions());
        assertEquals("on", BY_KEY.get("state").getDefaultValue());
        assertEquals(List.of("", "allow", "mfa", "password-change", "phishing-resistant", "block"), BY_KEY.get("grant").getOptions());
        assertEquals("", BY_KEY.get("grant").getDefaultValue(), "nothing chosen: a policy without a grant blocks");
        assertEquals("0", BY_KEY.get("remember-device-days").getDefaultValue());
        assertEquals(AccessPolicy.State.ON, AccessPolicy.from("p", Map.of("grant", "mfa")).state());
    }
}
