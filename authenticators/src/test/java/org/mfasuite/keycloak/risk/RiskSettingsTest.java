package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.RiskLevel;

class RiskSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RiskSettings d = RiskSettings.from(Map.of());
        assertEquals(RiskSettings.DEFAULTS, d);
        assertEquals(90, d.historyDays());
        assertEquals(10, d.locationSignIns());
        assertEquals(10, d.sprayUsers());
        assertEquals(3, d.fatiguePushes());
        assertEquals(RiskLevel.MEDIUM, d.twoSignalsLevel());
        assertEquals(RiskLevel.HIGH, d.signalLevels().get(RiskSignal.PASSWORD_SPRAY));
    }

    @Test
    void savedFormReadsBack() {
        RiskSettings s = RiskSettings.from(Map.of("history-days", List.of("30"), "spray-users", List.of("5"),
                "level-unfamiliar-device", List.of("medium"), "level-two-signals", List.of("high")));
        assertEquals(30, s.historyDays());
        assertEquals(5, s.sprayUsers());
        assertEquals(RiskLevel.MEDIUM, s.signalLevels().get(RiskSignal.UNFAMILIAR_DEVICE));
        assertEquals(s, RiskSettings.from(s.toConfig()));
        assertEquals(RiskSettings.keys(), List.copyOf(s.toJson().keySet()));
    }

    @Test
    void problemsNameTheirKey() {
        List<String> problems = RiskSettings.problems(Map.of("history-days", List.of("0"), "spray-users", List.of("x"),
                "fatigue-pushes", List.of("101"), "level-mfa-fatigue", List.of("severe")));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("history-days must be from 1 to 3650"));
        assertTrue(problems.contains("spray-users must be a whole number from 2 to 1000"));
        assertTrue(problems.contains("level-mfa-fatigue must be none, low, medium or high, not 'severe'"));
        assertTrue(RiskSettings.problems(RiskSettings.DEFAULTS.toConfig()).isEmpty());
    }
}
