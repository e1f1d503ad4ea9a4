package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignInRiskFilterTest {

    private static SignInRow row(Map<String, String> details) {
        return new SignInRow(0, "e1", "u1", "alice", null, null, null, "sms", "success", "valid", null, null,
                "203.0.113.9", "app", null, "mfa", null, details);
    }

    @Test
    void rowsCarryTheirSignInsRisk() {
        SignInRow risky = row(Map.of("mfa_risk", "high", "mfa_risk_signals", "unfamiliar-device,password-spray"));
        assertEquals("high", risky.risk());
        assertEquals("unfamiliar-device,password-spray", risky.riskSignals());
        assertNull(row(Map.of()).risk());
        assertTrue(SignInCsv.of(List.of(risky)).endsWith(",high,\"unfamiliar-device,password-spray\"\r\n"));
    }

    @Test
    void theRiskFilterMatchesTheLevel() {
        SignInRow high = row(Map.of("mfa_risk", "high"));
        SignInRow low = row(Map.of("mfa_risk", "low"));
        SignInRow unassessed = row(Map.of());
        SignInFilter f = SignInFilter.of(null, null, " High ");
        assertTrue(f.matches(high));
        assertFalse(f.matches(low));
        assertFalse(f.matches(unassessed), "a sign-in that was not assessed has no level");
        assertTrue(SignInFilter.of(null, null, null).matches(unassessed));
        assertTrue(SignInFilter.of("sms", "success", "low").matches(low));
        assertThrows(InvalidQuery.class, () -> SignInFilter.of(null, null, "severe"));
    }
}
