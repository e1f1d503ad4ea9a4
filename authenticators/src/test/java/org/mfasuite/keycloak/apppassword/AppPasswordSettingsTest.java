package org.mfasuite.keycloak.apppassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.apppassword.AppPasswordSettings.RealPassword;

class AppPasswordSettingsTest {

    @Test
    void defaultsAreTheIssues() {
        AppPasswordSettings s = AppPasswordSettings.from(null);
        assertTrue(s.allowed());
        assertEquals(40, s.maxPerUser());
        assertEquals(0, s.defaultExpiryDays());
        assertEquals(RealPassword.UNLESS_SECOND_FACTOR_REQUIRED, s.realPassword());
        assertTrue(s.revokeOnPasswordChange());
    }

    @Test
    void readFromTheStepsConfig() {
        AppPasswordSettings s = AppPasswordSettings.from(Map.of("allowed", "false", "max-per-user", "5",
                "default-expiry-days", "90", "real-password", "never", "revoke-on-password-change", "false"));
        assertFalse(s.allowed());
        assertEquals(5, s.maxPerUser());
        assertEquals(90, s.defaultExpiryDays());
        assertEquals(RealPassword.NEVER, s.realPassword());
        assertFalse(s.revokeOnPasswordChange());
    }

    @Test
    void badValuesNeverWeaken() {
        Map<String, String> bad = Map.of("max-per-user", "1000", "default-expiry-days", "x", "real-password", "always");
        assertEquals(100, AppPasswordSettings.from(bad).maxPerUser(), "clamped");
        assertEquals(0, AppPasswordSettings.from(bad).defaultExpiryDays(), "unreadable: the default");
        assertEquals(RealPassword.UNLESS_SECOND_FACTOR_REQUIRED, AppPasswordSettings.from(bad).realPassword());
        assertTrue(AppPasswordSettings.from(Map.of("allowed", "no")).allowed(), "only 'false' turns it off");
    }

    @Test
    void theRealPasswordPassesUnlessASecondFactorIsRequired() {
        RealPassword unless = RealPassword.UNLESS_SECOND_FACTOR_REQUIRED;
        assertTrue(unless.accepts(Grant.NONE));
        assertTrue(unless.accepts(Grant.ALLOW));
        assertFalse(unless.accepts(Grant.MFA), "the client is told to use an app password");
        assertTrue(unless.accepts(Grant.BLOCK), "left to the gate: a block wins, whatever was typed");
        assertTrue(unless.accepts(Grant.PHISHING_RESISTANT), "left to the gate: an app password would not help");
    }

    @Test
    void neverMeansAppPasswordsOnlyYetABlockStillWins() {
        assertFalse(RealPassword.NEVER.accepts(Grant.NONE));
        assertFalse(RealPassword.NEVER.accepts(Grant.ALLOW));
        assertFalse(RealPassword.NEVER.accepts(Grant.MFA));
        assertTrue(RealPassword.NEVER.accepts(Grant.BLOCK));
    }

    @Test
    void everyKeyHasAField() {
        assertEquals(5, AppPasswordSettings.configProperties().size());
    }
}
