package org.mfasuite.keycloak.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.SecondFactor.Next;

class SecondFactorTest {

    @Test
    void aUserWithNoFactorRegistersAndThatCounts() {
        assertEquals(Next.REGISTER, SecondFactor.next(false, false, false, false, false));
        assertEquals(Next.REGISTER, SecondFactor.next(true, false, false, false, false));
    }

    @Test
    void aPhoneUserUnderAPhishingResistantPolicyMustGiveTheCodeBeforeRegisteringAKey() {
        // no factor given yet: never a registration, though she has no phishing-resistant method
        assertEquals(Next.REFUSE_NOT_GIVEN, SecondFactor.next(true, true, false, false, true));
        // after the SMS code: a security key may be registered
        assertEquals(Next.REGISTER, SecondFactor.next(true, true, true, false, true));
    }

    @Test
    void aUserWithASecurityKeyMustUseIt() {
        assertEquals(Next.REFUSE_PHISHING_RESISTANT, SecondFactor.next(true, true, true, true, true));
        assertEquals(Next.REFUSE_PHISHING_RESISTANT, SecondFactor.next(true, true, false, true, true));
    }

    @Test
    void aFactorThisFlowCannotTakeIsRefusedNotReplacedByARegistration() {
        assertEquals(Next.REFUSE_NO_USABLE_STEP, SecondFactor.next(false, true, false, false, false));
        assertEquals(Next.REFUSE_NO_USABLE_STEP, SecondFactor.next(true, true, false, false, false));
    }

    @Test
    void aFactorThisFlowCouldTakeButDidNotIsRefused() {
        assertEquals(Next.REFUSE_NOT_GIVEN, SecondFactor.next(false, true, false, true, true));
    }

    @Test
    void appPasswordsAndRememberedDevicesAreNotFactors() {
        assertFalse(SecondFactor.isFactor("mfa-app-password"));
        assertFalse(SecondFactor.isFactor("mfa-trusted-device"));
        assertFalse(SecondFactor.isFactor("password"));
        for (String type : new String[]{"mfa-phone", "otp", "webauthn", "webauthn-passwordless", "mfa-push-device",
                "recovery-authn-codes"}) {
            assertTrue(SecondFactor.isFactor(type), type);
        }
    }
}
