package org.mfasuite.keycloak.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FraudSettingsTest {

    @Test
    void untouchedSettingsSignOutEmailTheUserAndCarryTheLink() {
        FraudSettings settings = FraudSettings.from(Map.of());
        assertEquals(FraudSettings.Block.SIGN_OUT, settings.blockUser());
        assertTrue(settings.notifyUser());
        assertTrue(settings.reportLink());
        assertEquals(24, settings.linkHours());
        assertEquals(List.of(), settings.alertEmails());
        assertEquals(List.of(), FraudSettings.problems(Map.of()));
    }

    @Test
    void savedSettingsReadBackAsSaved() {
        FraudSettings settings = new FraudSettings(FraudSettings.Block.DISABLE, false, List.of("soc@example.org"), false, 2);
        assertEquals(settings, FraudSettings.from(settings.toConfig()));
        assertEquals(List.of(), FraudSettings.problems(settings.toConfig()));
    }

    @Test
    void addressesMayBeTypedInOneValueSplitByCommasSemicolonsOrBlanks() {
        assertEquals(List.of("a@example.org", "b@example.org", "c@example.org"),
                FraudSettings.emails(List.of("a@example.org, b@example.org;c@example.org a@example.org")));
    }

    @Test
    void eachBadValueIsNamedWithWhatItMustBe() {
        List<String> problems = FraudSettings.problems(Map.of(
                FraudSettings.BLOCK_USER, List.of("lock"),
                FraudSettings.NOTIFY_USER, List.of("yes"),
                FraudSettings.LINK_HOURS, List.of("0"),
                FraudSettings.ALERT_EMAILS, List.of("soc@example.org", "not-an-address")));
        assertEquals(List.of("block-user must be none, sign-out or disable, not 'lock'",
                "notify-user must be true or false",
                "link-hours must be from 1 to 168",
                "fraud-alert-emails: 'not-an-address' is not an email address"), problems);
        assertTrue(FraudSettings.problems(Map.of(FraudSettings.LINK_HOURS, List.of("ten"))).get(0)
                .startsWith("link-hours must be a whole number"));
    }

    @Test
    void tooManyAddressesAreRefused() {
        List<String> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "a" + i + "@example.org").toList();
        assertEquals(List.of("fraud-alert-emails holds at most 20 addresses"),
                FraudSettings.problems(Map.of(FraudSettings.ALERT_EMAILS, many)));
    }

    @Test
    void blockIdsAreTheContractValues() {
        assertEquals(List.of("none", "sign-out", "disable"),
                java.util.Arrays.stream(FraudSettings.Block.values()).map(FraudSettings.Block::id).toList());
        assertFalse(FraudSettings.problems(Map.of(FraudSettings.BLOCK_USER, List.of("none"))).iterator().hasNext());
    }
}
