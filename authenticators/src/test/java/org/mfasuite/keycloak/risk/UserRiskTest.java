package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.RiskLevel;

class UserRiskTest {

    @Test
    void aRaiseNeverLowersAndKeepsEveryReason() {
        UserRisk risk = UserRisk.NONE.raise(RiskLevel.MEDIUM, "high-risk-sign-in", 100);
        assertEquals(RiskLevel.MEDIUM, risk.level());
        assertEquals(100, risk.since());
        risk = risk.raise(RiskLevel.HIGH, UserRisks.REASON_FRAUD_REPORT, 200);
        assertEquals(RiskLevel.HIGH, risk.level());
        assertEquals(100, risk.since(), "since: when it rose from none");
        risk = risk.raise(RiskLevel.LOW, "high-risk-sign-in", 300);
        assertEquals(RiskLevel.HIGH, risk.level(), "never lowered");
        assertEquals(300, risk.updated());
        assertEquals(List.of("medium", "high", "low"), risk.reasons().stream().map(UserRisk.Reason::level).toList());
    }

    @Test
    void clearingSetsNoneAndTheNextRaiseStartsAfresh() {
        UserRisk risk = UserRisk.NONE.raise(RiskLevel.HIGH, UserRisks.REASON_FRAUD_REPORT, 100)
                .clear(UserRisk.CLEARED_BY_PASSWORD_CHANGE, 150);
        assertEquals(RiskLevel.NONE, risk.level());
        assertEquals(0, risk.since());
        assertEquals(List.of(), risk.currentReasons());
        assertEquals(1, risk.reasons().size(), "kept for the record");
        assertEquals(UserRisk.CLEARED_BY_PASSWORD_CHANGE, risk.clearedBy());
        assertEquals(150, risk.cleared());
        risk = risk.raise(RiskLevel.LOW, "high-risk-sign-in", 200);
        assertEquals(200, risk.since());
        assertEquals(List.of("high-risk-sign-in"), risk.currentReasons().stream().map(UserRisk.Reason::reason).toList(),
                "only the reasons since it rose again");
    }

    @Test
    void reasonsAreBoundedInNumberAndLength() {
        UserRisk risk = UserRisk.NONE;
        for (int i = 0; i < 25; i++) {
            risk = risk.raise(RiskLevel.LOW, "r" + i, i + 1);
        }
        assertEquals(UserRisk.MAX_REASONS, risk.reasons().size());
        assertEquals("r24", risk.reasons().get(UserRisk.MAX_REASONS - 1).reason(), "the newest kept");
        risk = risk.raise(RiskLevel.LOW, "x".repeat(1000), 99);
        assertEquals(UserRisk.MAX_REASON_LENGTH, risk.reasons().get(UserRisk.MAX_REASONS - 1).reason().length());
        assertEquals("unspecified", UserRisk.NONE.raise(RiskLevel.LOW, " ", 1).reasons().get(0).reason());
        assertNull(UserRisk.NONE.clearedBy());
    }

    @Test
    void theRestViewSaysLevelSinceAndReasons() {
        UserRisk risk = UserRisk.NONE.raise(RiskLevel.HIGH, UserRisks.REASON_FRAUD_REPORT, 100);
        var view = UserRiskResource.view(risk);
        assertEquals("high", view.get("level"));
        assertEquals(100L, view.get("since"));
        assertEquals(1, ((List<?>) view.get("reasons")).size());
        assertNull(view.get("cleared"));
        view = UserRiskResource.view(UserRisk.NONE);
        assertEquals("none", view.get("level"));
        assertNull(view.get("since"));
    }
}
