package org.mfasuite.keycloak.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.flow.MethodOrder.Chosen;
import org.mfasuite.keycloak.flow.MethodOrder.Step;

/** The demo's second-factor sub-flow, in flow order: SMS, call (in its own sub-flow), push, OTP, recovery codes, security key. */
class MethodOrderTest {

    static final Step SMS = new Step("e-sms", "mfa-sms", "mfa-phone");
    static final Step CALL = new Step("e-call", "mfa-voice", null);
    static final Step PUSH = new Step("e-push", "mfa-push", "mfa-push-device");
    static final Step OTP = new Step("e-otp", "auth-otp-form", "otp");
    static final Step RECOVERY = new Step("e-rec", "auth-recovery-authn-code-form", "recovery-authn-codes");
    static final Step KEY = new Step("e-key", "webauthn-authenticator", "webauthn");
    static final Step PASS = new Step("e-tap", "mfa-temporary-pass", null); // checks no credential

    private static Step first(List<Step> usable, List<String> types, Chosen chosen) {
        return MethodOrder.first(true, usable, types, chosen);
    }

    @Test
    void pushBeatsAPhoneThatComesFirstInTheUsersOrder() {
        assertEquals(PUSH, first(List.of(SMS, CALL, PUSH), List.of("password", "mfa-phone", "mfa-push-device"), null));
    }

    @Test
    void anAppOrHardwareTokenBeatsAPhone() {
        assertEquals(OTP, first(List.of(SMS, CALL, OTP), List.of("password", "mfa-phone", "otp"), null));
    }

    @Test
    void pushBeatsAnApp() {
        assertEquals(PUSH, first(List.of(SMS, PUSH, OTP), List.of("otp", "mfa-phone", "mfa-push-device"), null));
    }

    @Test
    void withOnlyAPhoneTheTextComesBeforeTheCallAsInKeycloaksOrder() {
        assertEquals(SMS, first(List.of(SMS, CALL), List.of("password", "mfa-phone"), null));
    }

    @Test
    void aLandlineOnlyUserCannotGetTextsAndStartsWithTheCall() {
        assertEquals(CALL, first(List.of(CALL), List.of("password", "mfa-phone"), null));
    }

    @Test
    void recoveryCodesFirstInTheUsersOrderNeverWinOverAMethod() {
        assertEquals(SMS, first(List.of(SMS, RECOVERY), List.of("recovery-authn-codes", "mfa-phone"), null));
    }

    @Test
    void withNoMethodOfKnownStrengthKeycloaksOwnChoiceStands() {
        assertNull(first(List.of(RECOVERY), List.of("recovery-authn-codes"), null));
        assertNull(first(List.of(), List.of("password"), null));
    }

    @Test
    void aChosenDefaultStaysFirstAlthoughPushIsStronger() {
        assertEquals(SMS, first(List.of(SMS, CALL, PUSH, OTP), List.of("mfa-phone", "otp", "mfa-push-device"),
                new Chosen("mfa-phone")));
        assertEquals(OTP, first(List.of(SMS, PUSH, OTP), List.of("otp", "mfa-push-device", "mfa-phone"),
                new Chosen("otp")));
    }

    @Test
    void aChosenPhoneThatIsALandlineStartsWithTheCall() {
        assertEquals(CALL, first(List.of(CALL, PUSH), List.of("mfa-phone", "mfa-push-device"), new Chosen("mfa-phone")));
    }

    @Test
    void aChosenDefaultNoStepServesFallsBackToTheStrongest() {
        assertEquals(PUSH, first(List.of(SMS, PUSH), List.of("otp", "mfa-phone", "mfa-push-device"),
                new Chosen("otp")));
    }

    @Test
    void aSecurityKeyOrPasskeyKeycloakStartsWithKeepsItsPlace() {
        assertNull(first(List.of(SMS, PUSH, KEY), List.of("webauthn", "mfa-phone", "mfa-push-device"), null));
        // lower in the user's order it is not promoted either: the strongest of the others starts
        assertEquals(PUSH, first(List.of(SMS, PUSH, KEY), List.of("mfa-phone", "webauthn", "mfa-push-device"), null));
    }

    @Test
    void theTemporaryAccessPassStepIsNeverPutFirst() {
        // not a credential step: Keycloak lists it after the credential steps, the order cannot lift it
        assertEquals(PUSH, first(List.of(SMS, PUSH, PASS), List.of("mfa-phone", "mfa-push-device", "mfa-temporary-pass"), null));
        assertNull(first(List.of(PASS), List.of("mfa-temporary-pass"), null), "alone it is Keycloak's own choice");
    }

    @Test
    void switchedOffKeycloaksOwnChoiceStands() {
        assertNull(MethodOrder.first(false, List.of(SMS, PUSH), List.of("mfa-phone", "mfa-push-device"), null));
    }

    @Test
    void keycloaksOrderIsTheUsersCredentialOrderThenTheOtherStepsInFlowOrder() {
        assertEquals(List.of(PUSH, SMS, CALL), MethodOrder.keycloakOrder(List.of(SMS, CALL, PUSH, OTP),
                List.of("password", "mfa-push-device", "mfa-phone", "mfa-phone")));
    }
}
