package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.RiskLevel;

class RiskRulesTest {

    private static RiskLevel level(RiskSignal... signals) {
        return RiskRules.evaluate(signals.length == 0 ? Set.of() : EnumSet.of(signals[0], signals), RiskSettings.DEFAULTS)
                .level();
    }

    @Test
    void noSignalIsNoRisk() {
        assertEquals(RiskLevel.NONE, level());
        assertEquals(RiskAssessment.NONE, RiskRules.evaluate(null, RiskSettings.DEFAULTS));
    }

    @Test
    void oneFamiliaritySignalIsLow() {
        assertEquals(RiskLevel.LOW, level(RiskSignal.UNFAMILIAR_DEVICE));
        assertEquals(RiskLevel.LOW, level(RiskSignal.UNFAMILIAR_LOCATION));
    }

    @Test
    void twoSignalsOrAnAnonymousNetworkOrFatigueAreMedium() {
        assertEquals(RiskLevel.MEDIUM, level(RiskSignal.UNFAMILIAR_DEVICE, RiskSignal.UNFAMILIAR_LOCATION));
        assertEquals(RiskLevel.MEDIUM, level(RiskSignal.ANONYMOUS_NETWORK));
        assertEquals(RiskLevel.MEDIUM, level(RiskSignal.MFA_FATIGUE));
    }

    @Test
    void impossibleTravelOrSprayAreHigh() {
        assertEquals(RiskLevel.HIGH, level(RiskSignal.IMPOSSIBLE_TRAVEL));
        assertEquals(RiskLevel.HIGH, level(RiskSignal.PASSWORD_SPRAY));
        assertEquals(RiskLevel.HIGH, level(RiskSignal.PASSWORD_SPRAY, RiskSignal.UNFAMILIAR_DEVICE));
    }

    @Test
    void tunedLevelsDecide() {
        RiskSettings tuned = new RiskSettings(90, 10, 10, 3,
                Map.of(RiskSignal.UNFAMILIAR_DEVICE, RiskLevel.NONE, RiskSignal.UNFAMILIAR_LOCATION, RiskLevel.MEDIUM),
                RiskLevel.HIGH);
        assertEquals(RiskLevel.NONE, RiskRules.evaluate(EnumSet.of(RiskSignal.UNFAMILIAR_DEVICE), tuned).level());
        // a signal at none is still named, and counts toward no "two signals"
        RiskAssessment both = RiskRules.evaluate(EnumSet.of(RiskSignal.UNFAMILIAR_DEVICE, RiskSignal.UNFAMILIAR_LOCATION), tuned);
        assertEquals(RiskLevel.MEDIUM, both.level());
        assertEquals("unfamiliar-device,unfamiliar-location", both.signalIds());
        assertEquals(RiskLevel.HIGH, RiskRules.evaluate(
                EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION, RiskSignal.MFA_FATIGUE), tuned).level());
    }

    @Test
    void assessmentSurvivesItsNote() {
        RiskAssessment a = RiskRules.evaluate(EnumSet.of(RiskSignal.PASSWORD_SPRAY, RiskSignal.UNFAMILIAR_DEVICE),
                RiskSettings.DEFAULTS);
        assertEquals("high;unfamiliar-device,password-spray", a.toNote());
        assertEquals(a, RiskAssessment.fromNote(a.toNote()));
        assertEquals(RiskAssessment.NONE, RiskAssessment.fromNote("none;"));
        assertNull(RiskAssessment.fromNote("bogus"));
        assertNull(RiskAssessment.fromNote(null));
    }

    @Test
    void signalIdsAreTheContract() {
        assertEquals("unfamiliar-device", RiskSignal.UNFAMILIAR_DEVICE.id());
        assertEquals("unfamiliar-location", RiskSignal.UNFAMILIAR_LOCATION.id());
        assertEquals("impossible-travel", RiskSignal.IMPOSSIBLE_TRAVEL.id());
        assertEquals("anonymous-network", RiskSignal.ANONYMOUS_NETWORK.id());
        assertEquals("password-spray", RiskSignal.PASSWORD_SPRAY.id());
        assertEquals("mfa-fatigue", RiskSignal.MFA_FATIGUE.id());
        assertEquals(RiskSignal.MFA_FATIGUE, RiskSignal.parse(" MFA-Fatigue "));
        assertNull(RiskSignal.parse("bogus"));
    }

    @Test
    void onlyTheUsersOwnSignalsCanRaiseTheUser() {
        RiskSettings d = RiskSettings.DEFAULTS;
        assertEquals(RiskLevel.NONE, RiskRules.userLevel(EnumSet.of(RiskSignal.PASSWORD_SPRAY), d), "an office's address");
        assertEquals(RiskLevel.LOW, RiskRules.userLevel(EnumSet.of(RiskSignal.PASSWORD_SPRAY,
                RiskSignal.ANONYMOUS_NETWORK, RiskSignal.UNFAMILIAR_DEVICE), d));
        assertEquals(RiskLevel.HIGH, RiskRules.userLevel(EnumSet.of(RiskSignal.IMPOSSIBLE_TRAVEL,
                RiskSignal.PASSWORD_SPRAY), d));
        assertEquals(RiskLevel.NONE, RiskRules.userLevel(null, d));
    }
}
