package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResetScopeTest {

    @Test
    void removesSecondFactorsAndWhatRidesOnThemNeverThePassword() {
        for (String type : new String[] {"mfa-phone", "otp", "recovery-authn-codes", "mfa-trusted-device", "mfa-app-password",
                "mfa-push-device", "mfa-oath-pending", "mfa-temporary-pass"}) {
            assertTrue(ResetScope.removes(type, false, false), type);
        }
        assertTrue(ResetScope.removes("mfa-something-new", true, false), "a method the suite adds later");
        assertFalse(ResetScope.removes("password", true, true));
        assertFalse(ResetScope.removes("kerberos", false, true));
    }

    @Test
    void securityKeysAndPasskeysOnlyWhenAsked() {
        assertFalse(ResetScope.removes("webauthn", true, false));
        assertFalse(ResetScope.removes("webauthn-passwordless", true, false));
        assertTrue(ResetScope.removes("webauthn", true, true));
        assertTrue(ResetScope.removes("webauthn-passwordless", true, true));
    }

    @Test
    void labelsAreTrimmedAndBounded() {
        assertTrue(MethodLabels.label("  Pixel  ").equals("Pixel"));
        assertTrue(MethodLabels.label("x".repeat(100)).length() == 65);
        assertTrue(MethodLabels.label(null).isEmpty());
        String masked = MethodLabels.ofEvent("mfa-phone", "+46701234567");
        assertTrue(masked.contains("•") && !masked.contains("1234567"), masked);
        assertTrue(MethodLabels.ofEvent("otp", "+46701234567").equals("+46701234567"), "only phones are numbers");
    }
}
