package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which failed sign-ins count toward password-spray: first-factor passwords and unknown usernames only. */
class RiskEventListenerTest {

    @Test
    void keycloaksPasswordFormsCount() {
        // auth-username-password-form and direct-grant-validate-password set no method detail
        assertEquals("u1", RiskEventListener.sprayedUser("invalid_user_credentials", "u1",
                Map.of("username", "alice", "auth_method", "openid-connect")));
        assertEquals("u1", RiskEventListener.sprayedUser("invalid_user_credentials", "u1", null));
        // the app-password step checking a real password as the first factor
        assertEquals("u1", RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("mfa_method", "password")));
        assertEquals("name:nobody", RiskEventListener.sprayedUser("user_not_found", null, Map.of("username", "nobody")));
    }

    @Test
    void secondFactorCodesDoNotCount() {
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("mfa_method", "sms")));
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("mfa_method", "push",
                "credential_type", "mfa-push-device")));
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("mfa_method", "temporary-pass")));
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("mfa_method", "app-password",
                "credential_type", "mfa-app-password")));
        // Keycloak's OTP form names the OTP credential (empty when the user has one only); recovery codes their type
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1", Map.of("selected_credential_id", "")));
        assertNull(RiskEventListener.sprayedUser("invalid_user_credentials", "u1",
                Map.of("credential_type", "recovery-authn-codes")));
        assertNull(RiskEventListener.sprayedUser("expired_code", "u1", Map.of()));
    }
}
