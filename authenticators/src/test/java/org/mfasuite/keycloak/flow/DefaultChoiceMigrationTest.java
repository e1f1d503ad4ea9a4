package org.mfasuite.keycloak.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which first method of an order from before strongest-first is read as the user's choice. */
class DefaultChoiceMigrationTest {

    private static int chosen(String... types) {
        return DefaultChoiceMigration.chosen(List.of(types));
    }

    @Test
    void aPhoneAboveTheAppWasChosen() {
        assertEquals(0, chosen("mfa-phone", "password", "otp"));
        assertEquals(1, chosen("password", "mfa-phone", "otp"));
    }

    @Test
    void theAppAbovePushWasChosen() {
        assertEquals(1, chosen("password", "otp", "mfa-phone", "mfa-push-device"));
    }

    @Test
    void theStrongestFirstIsNoChoiceToKeep() {
        assertEquals(-1, chosen("password", "mfa-push-device", "mfa-phone"));
        assertEquals(-1, chosen("otp", "password", "mfa-phone", "otp"));
    }

    @Test
    void oneMethodIsNothingToChooseBetween() {
        assertEquals(-1, chosen("password", "mfa-phone"));
        assertEquals(-1, chosen("password", "mfa-phone", "mfa-phone"));
        assertEquals(-1, chosen("password", "mfa-phone", "recovery-authn-codes"));
        assertEquals(-1, chosen("password"));
    }

    @Test
    void aPasskeyFirstKeepsItsPlaceWithoutARecord() {
        assertEquals(-1, chosen("webauthn", "mfa-phone", "otp"));
        // lower down it is not a method strongest-first ranks: the phone above the app is still a choice
        assertEquals(0, chosen("mfa-phone", "webauthn", "otp"));
    }

    @Test
    void aTemporaryPassIsNoMethod() {
        assertEquals(-1, chosen("mfa-temporary-pass", "mfa-phone"));
        assertEquals(1, chosen("mfa-temporary-pass", "mfa-phone", "otp"));
    }
}
