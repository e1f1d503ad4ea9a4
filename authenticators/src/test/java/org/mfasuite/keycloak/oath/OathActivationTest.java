package org.mfasuite.keycloak.oath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.TimeBasedOTP;

/** A pending token becomes Keycloak's OTP credential only with a right code from it. */
class OathActivationTest {

    private static CredentialModel pending(OathToken token) {
        CredentialModel model = OathCredentials.otp(token);
        model.setType(OathActivation.PENDING_TYPE);
        model.setId("c1");
        return model;
    }

    @Test
    void hotpActivatesWithRfc4226sCodeAndMovesTheCounterOn() {
        CredentialModel pending = pending(new OathToken("S1", null, "M", "X", OathToken.Kind.HOTP, "HmacSHA1", 6, 0, 0,
                Fixtures.RFC_SECRET));
        assertTrue(OathActivation.activate(pending, "000000", 1).isEmpty());
        // RFC 4226 appendix D: counter 1 gives 287082 (inside the look-ahead window)
        Optional<CredentialModel> activated = OathActivation.activate(pending, "287 082", 1);
        assertTrue(activated.isPresent());
        assertEquals(OTPCredentialModel.TYPE, activated.get().getType());
        assertEquals("c1", activated.get().getId(), "the same credential, now of type otp");
        assertEquals(2, OTPCredentialModel.createFromCredentialModel(activated.get()).getOTPCredentialData().getCounter());
        assertEquals(OathActivation.PENDING_TYPE, pending.getType(), "the pending model is left as it was");
    }

    @Test
    void totpActivatesWithTheCodeOfNow() {
        CredentialModel pending = pending(new OathToken("S2", null, "M", "X", OathToken.Kind.TOTP, "HmacSHA256", 8, 60, 0,
                "12345678901234567890123456789012".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        String now = new TimeBasedOTP("HmacSHA256", 8, 60, 0)
                .generateTOTP("12345678901234567890123456789012".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(OathActivation.activate(pending, now, 1).isPresent());
        assertTrue(OathActivation.activate(pending, "12345678".equals(now) ? "87654321" : "12345678", 0).isEmpty());
    }
}
