package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.access.GatePlacement.Step;

/** The demo flow's shape: first factor, policies, the second-factor sub-flows, the gate. */
class GatePlacementTest {

    private static final Step FIRST = new Step("first", "top");
    private static final Step PASSWORD = new Step("password", "first");
    private static final Step POLICY = new Step("policy", "top");
    private static final Step SECOND = new Step("second", "top");
    private static final Step CONDITION = new Step("condition", "second");
    private static final Step SMS = new Step("sms", "second");
    private static final Step OTP = new Step("otp", "second");
    private static final Step GATE = new Step("gate", "top");
    private static final Set<String> SECOND_FACTOR_STEPS = Set.of("sms", "otp");

    @Test
    void theGateLastAfterTheSubFlowsIsRight() {
        assertNull(GatePlacement.problem(List.of(FIRST, PASSWORD, POLICY, SECOND, CONDITION, SMS, OTP, GATE), "gate",
                SECOND_FACTOR_STEPS));
    }

    @Test
    void aGateBeforeTheSecondFactorSubFlowIsAProblem() {
        String problem = GatePlacement.problem(List.of(FIRST, PASSWORD, POLICY, GATE, SECOND, CONDITION, SMS, OTP),
                "gate", SECOND_FACTOR_STEPS);
        assertEquals("a second-factor step comes after it: users who must give a factor are refused before they can",
                problem);
    }

    @Test
    void aStepAfterTheGateInItsFlowIsAProblem() {
        assertEquals("it is not the last step of its flow", GatePlacement.problem(
                List.of(FIRST, PASSWORD, SECOND, CONDITION, SMS, OTP, GATE, POLICY), "gate", SECOND_FACTOR_STEPS));
    }

    @Test
    void aGateInsideASubFlowIsLastOfThatFlow() {
        Step gate = new Step("gate", "second");
        assertNull(GatePlacement.problem(List.of(FIRST, PASSWORD, POLICY, SECOND, CONDITION, SMS, OTP, gate), "gate",
                SECOND_FACTOR_STEPS));
        assertEquals("it is not the last step of its flow", GatePlacement.problem(
                List.of(FIRST, PASSWORD, POLICY, SECOND, CONDITION, gate, new Step("note", "second")), "gate",
                Set.of()));
    }
}
