package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SignInDetailsTest {

    @Test
    void theFlowsCheckIsKeptAndPutBackAfterARequiredAction() {
        // the request that ends the flow: the SMS check is on the event
        Map<String, String> check = SignInDetails.snapshot(Map.of("mfa_method", "sms", "mfa_step", "check",
                "mfa_result", "valid", "mfa_phone", "+46 70•••••67", "selected_credential_id", "phone-1",
                "credential_type", "mfa-phone", "redirect_uri", "http://app/", "mfa_node", "kc-1"));
        assertEquals(Map.of("mfa_method", "sms", "mfa_step", "check", "mfa_result", "valid", "mfa_phone", "+46 70•••••67",
                "selected_credential_id", "phone-1", "credential_type", "mfa-phone"), check);

        // the request of the last required action (an app password created): its details are no sign-in check
        Map<String, String> login = SignInDetails.restore(Map.of("custom_required_action", "mfa-app-password-create",
                "mfa_method", "app-password", "mfa_result", "created", "credential_id", "app-1",
                "credential_type", "mfa-app-password", "mfa_node", "kc-2", "mfa_access", "mfa", "username", "alice"), check);
        assertEquals(Map.of("custom_required_action", "mfa-app-password-create", "mfa_method", "sms",
                "mfa_step", "check", "mfa_result", "valid", "mfa_phone", "+46 70•••••67",
                "selected_credential_id", "phone-1", "credential_type", "mfa-phone", "mfa_node", "kc-2",
                "mfa_access", "mfa", "username", "alice"), login);
    }

    @Test
    void aSignInWithoutASecondFactorKeepsNothingAndLosesTheActionsDetails() {
        assertEquals(Map.of(), SignInDetails.snapshot(Map.of("username", "bob", "mfa_access", "none")));
        assertEquals(Map.of("custom_required_action", "mfa-register", "username", "bob"), SignInDetails.restore(
                Map.of("custom_required_action", "mfa-register", "mfa_method", "otp", "mfa_result", "chosen",
                        "username", "bob"), Map.of()));
        assertEquals(Map.of("mfa_trusted_device", "recognised"), SignInDetails.snapshot(
                Map.of("mfa_trusted_device", "recognised", "code_id", "x")));
    }
}
