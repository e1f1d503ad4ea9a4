package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CompletedStepsTest {

    private static final Map<String, FlowPolicies.SecondFactorStep> STEPS = Map.of(
            "sms", new FlowPolicies.SecondFactorStep("mfa-sms", false),
            "key", new FlowPolicies.SecondFactorStep("webauthn-authenticator", true));

    @Test
    void readsKeycloaksNote() {
        assertEquals(Map.of("a", 100, "sms", 200), CompletedSteps.parse("{\"a\":100,\"sms\":200}"));
    }

    @Test
    void anUnreadableNoteCountsAsNothingDone() {
        assertEquals(Map.of(), CompletedSteps.parse("not json"));
        assertEquals(Map.of(), CompletedSteps.parse(null));
        assertEquals(Map.of(), CompletedSteps.parse(""));
    }

    @Test
    void aSecondFactorStepCountsFromItsTime() {
        Map<String, Integer> done = Map.of("password", 500, "sms", 200);
        assertTrue(CompletedSteps.metSince(done, STEPS, false, 200));
        assertFalse(CompletedSteps.metSince(done, STEPS, false, 201), "older than the sign-in frequency");
        assertTrue(CompletedSteps.metSince(done, STEPS, false, Long.MIN_VALUE));
    }

    @Test
    void stepsOutsideTheGuardedSubFlowsDoNotCount() {
        assertFalse(CompletedSteps.metSince(Map.of("password", 500), STEPS, false, 0));
    }

    @Test
    void onlyWebAuthnMeetsPhishingResistant() {
        assertFalse(CompletedSteps.metSince(Map.of("sms", 500), STEPS, true, 0));
        assertTrue(CompletedSteps.metSince(Map.of("key", 500), STEPS, true, 0));
    }
}
