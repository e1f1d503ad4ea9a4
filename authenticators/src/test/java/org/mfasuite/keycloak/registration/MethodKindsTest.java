package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class MethodKindsTest {

    @Test
    void namesEveryKindThePageShows() {
        assertEquals("phone", MethodKinds.kind("mfa-phone", false));
        assertEquals("push-device", MethodKinds.kind("mfa-push-device", false));
        assertEquals("authenticator-app", MethodKinds.kind("otp", false));
        assertEquals("hardware-token", MethodKinds.kind("otp", true), "an OTP credential assigned from the pool");
        assertEquals("hardware-token", MethodKinds.kind("mfa-oath-pending", false));
        assertEquals("security-key", MethodKinds.kind("webauthn", false));
        assertEquals("passkey", MethodKinds.kind("webauthn-passwordless", false));
        assertEquals("recovery-codes", MethodKinds.kind("recovery-authn-codes", false));
        assertEquals("app-password", MethodKinds.kind("mfa-app-password", false));
        assertEquals("remembered-device", MethodKinds.kind("mfa-trusted-device", false));
        assertEquals("other", MethodKinds.kind("mfa-something-new", false));
        assertEquals("other", MethodKinds.kind(null, false));
    }

    @Test
    void lastUseComesFromTheCredentialFromEventsOrNowhere() {
        assertEquals(MethodKinds.FROM_CREDENTIAL, MethodKinds.lastUseSource("mfa-app-password", true, false));
        assertEquals(MethodKinds.FROM_CREDENTIAL, MethodKinds.lastUseSource("mfa-trusted-device", true, true));
        for (String type : List.of("mfa-phone", "otp", "mfa-push-device", "webauthn", "webauthn-passwordless")) {
            assertEquals(MethodKinds.FROM_EVENTS, MethodKinds.lastUseSource(type, false, true), type);
            assertEquals(MethodKinds.NOT_RECORDED, MethodKinds.lastUseSource(type, false, false),
                    type + " when the realm saves no events");
        }
        assertEquals(MethodKinds.NOT_RECORDED, MethodKinds.lastUseSource("recovery-authn-codes", false, true),
                "Keycloak's recovery-code form names no credential in its event");
        assertEquals(MethodKinds.NOT_RECORDED, MethodKinds.lastUseSource("mfa-oath-pending", false, true));
    }

    @Test
    void webAuthnIdsMatchWhicheverBase64TheyAreWrittenIn() {
        assertEquals(MethodKinds.webAuthnKey("ab+c/d=="), MethodKinds.webAuthnKey("ab-c_d"));
        assertEquals("webauthn:ab-c_d", MethodKinds.webAuthnKey(" ab+c/d= "));
        assertNull(MethodKinds.webAuthnKey(null));
        assertNull(MethodKinds.webAuthnKey(" "));
    }

    @Test
    void requiringARegistrationIsRefusedWhenThePromptCouldNotHelp() {
        MethodOption phone = new MethodOption("mfa-phone", "mfa-phone-register", "Phone", "", "", false);
        assertNull(RequireRegistrationResource.refusal(true, List.of(phone)));
        assertEquals("prompt_disabled", RequireRegistrationResource.refusal(false, List.of(phone)));
        assertEquals("nothing_to_register", RequireRegistrationResource.refusal(true, List.of()));
    }
}
