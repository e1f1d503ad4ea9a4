package org.mfasuite.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.access.AccessEventDetailsActionFactory;
import org.mfasuite.keycloak.access.AccessGateAuthenticatorFactory;
import org.mfasuite.keycloak.access.AccessPolicy;
import org.mfasuite.keycloak.access.AccessPolicyAuthenticatorFactory;
import org.mfasuite.keycloak.access.AccessRequiredConditionFactory;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.apppassword.AppPasswordAuthenticatorFactory;
import org.mfasuite.keycloak.apppassword.AppPasswordCreateActionFactory;
import org.mfasuite.keycloak.oath.OathActivateActionFactory;
import org.mfasuite.keycloak.push.PushAuthenticatorFactory;
import org.mfasuite.keycloak.push.PushEnrollActionFactory;
import org.mfasuite.keycloak.registration.RegisterActionFactory;
import org.mfasuite.keycloak.sms.PhoneRegisterActionFactory;
import org.mfasuite.keycloak.sms.SmsAuthenticatorFactory;
import org.mfasuite.keycloak.sms.VoiceAuthenticatorFactory;

/**
 * Every list of every config form of the suite, saved as the admin console saves it when the admin picks nothing:
 * the console's list field posts its default value, or else its first option, or else "" (admin-ui
 * {@code components/dynamic/ListComponent.tsx}: {@code defaultValue || options?.[0] || ""}). That value must be the
 * safe one. A new list fails here until it is reviewed and added.
 */
class UntouchedFormsTest {

    /** form / key → the value an untouched form saves, each reviewed as the safe choice. */
    private static final Map<String, String> SAFE = new TreeMap<>(Map.ofEntries(
            // policy: enforced, and no grant chosen (the policy blocks whom it covers until one is)
            Map.entry("mfa-access-policy/state", "on"),
            Map.entry("mfa-access-policy/grant", ""),
            // no risk threshold: the policy covers sign-ins and users of every risk, as it did before the keys existed
            Map.entry("mfa-access-policy/sign-in-risk", ""),
            Map.entry("mfa-access-policy/user-risk", ""),
            // second-factor sub-flow: runs for every decision that needs a factor, and for users who set one up
            Map.entry("mfa-access-required/second-factor", "any"),
            Map.entry("mfa-access-required/when-no-policy-applies", "if-set-up"),
            // app passwords: the real password only when conditional access does not require a second factor
            Map.entry("mfa-app-password/real-password", "unless-second-factor-required"),
            // codes: the server's gateway, no fallback, numbers with +country code (no region guessed)
            Map.entry("mfa-sms/gateway", "default"),
            Map.entry("mfa-sms/fallback-gateway", "none"),
            Map.entry("mfa-voice/gateway", "default"),
            Map.entry("mfa-voice/fallback-gateway", "none"),
            Map.entry("mfa-phone-register/gateway", "default"),
            Map.entry("mfa-phone-register/fallback-gateway", "none"),
            Map.entry("mfa-phone-register/default-region", "none"),
            // push: the user types the page's number (a guess succeeds 1 in 100, not 1 in 3)
            Map.entry("mfa-push/number-matching", "type")));

    @Test
    void everyListOfEveryFormSavesItsSafeValueWhenUntouched() {
        Map<String, String> untouched = new TreeMap<>();
        forms().forEach((form, properties) -> properties.stream()
                .filter(p -> ProviderConfigProperty.LIST_TYPE.equals(p.getType()))
                .forEach(p -> untouched.put(form + "/" + p.getName(), consoleValue(p))));
        assertEquals(SAFE, untouched);
    }

    @Test
    void anUntouchedPolicyBlocksAndSaysWhy() {
        Map<String, String> config = new LinkedHashMap<>();
        new AccessPolicyAuthenticatorFactory().getConfigProperties().stream()
                .filter(p -> p.getType().equals(ProviderConfigProperty.LIST_TYPE))
                .forEach(p -> config.put(p.getName(), consoleValue(p)));
        AccessPolicy policy = AccessPolicy.from("new policy", config);
        assertEquals(Grant.BLOCK, policy.demand());
        assertEquals(List.of("Grant (grant) is not chosen: choose block, mfa, phishing-resistant, password-change or allow"),
                policy.problems());
    }

    @Test
    void theGrantListOffersNoUsableFirstOption() {
        ProviderConfigProperty grant = new AccessPolicyAuthenticatorFactory().getConfigProperties().stream()
                .filter(p -> p.getName().equals(AccessPolicy.GRANT)).findFirst().orElseThrow();
        assertEquals("", grant.getOptions().get(0));
        assertTrue(grant.isRequired());
        assertFalse(grant.getOptions().subList(1, grant.getOptions().size()).contains(""));
    }

    /** The console's value for an untouched list field. */
    private static String consoleValue(ProviderConfigProperty p) {
        Object d = p.getDefaultValue();
        if (d != null && !String.valueOf(d).isEmpty() && !Boolean.FALSE.equals(d)) {
            return String.valueOf(d);
        }
        return p.getOptions() == null || p.getOptions().isEmpty() ? "" : p.getOptions().get(0);
    }

    private static Map<String, List<ProviderConfigProperty>> forms() {
        Map<String, List<ProviderConfigProperty>> forms = new LinkedHashMap<>();
        forms.put("mfa-access-policy", new AccessPolicyAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-access-required", new AccessRequiredConditionFactory().getConfigProperties());
        forms.put("mfa-access-gate", new AccessGateAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-app-password", new AppPasswordAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-sms", new SmsAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-voice", new VoiceAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-push", new PushAuthenticatorFactory().getConfigProperties());
        forms.put("mfa-register", new RegisterActionFactory().getConfigMetadata());
        forms.put("mfa-phone-register", new PhoneRegisterActionFactory().getConfigMetadata());
        forms.put("mfa-app-password-create", new AppPasswordCreateActionFactory().getConfigMetadata());
        forms.put("mfa-push-enroll", new PushEnrollActionFactory().getConfigMetadata());
        forms.put("mfa-oath-activate", new OathActivateActionFactory().getConfigMetadata());
        forms.put("mfa-access-events", new AccessEventDetailsActionFactory().getConfigMetadata());
        return forms;
    }
}
