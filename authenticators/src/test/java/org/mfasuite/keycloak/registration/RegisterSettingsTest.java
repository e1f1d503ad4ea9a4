package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RegisterSettingsTest {

    @Test
    void defaultsAreNoCampaignOneDaySnoozeThreeSnoozesEmailsOn() {
        RegisterSettings s = RegisterSettings.from(null);
        assertEquals(List.of(), s.campaignGroups());
        assertEquals(1, s.snoozeDays());
        assertEquals(3, s.maxSnoozes());
        assertTrue(s.securityEmails());
    }

    @Test
    void strongestMethodFirstIsOnUnlessTurnedOffAndOnlyTrueOrFalseIsAccepted() {
        assertTrue(RegisterSettings.from(null).strongestFirst());
        assertTrue(RegisterSettings.from(Map.of("strongest-first", "")).strongestFirst());
        assertTrue(RegisterSettings.from(Map.of("strongest-first", "true")).strongestFirst());
        assertFalse(RegisterSettings.from(Map.of("strongest-first", "FALSE")).strongestFirst());
        assertEquals(List.of(), RegisterSettings.problems(Map.of("strongest-first", "false")));
        assertEquals(List.of("Strongest method first (strongest-first) must be true or false"),
                RegisterSettings.problems(Map.of("strongest-first", "off")));
        assertTrue(RegisterSettings.configProperties().stream().anyMatch(p -> p.getName().equals("strongest-first")
                && "true".equals(p.getDefaultValue())));
    }

    @Test
    void readsTheAdminConsolesMultivaluedFieldAndCommas() {
        RegisterSettings s = RegisterSettings.from(Map.of("campaign-groups", "/staff##/pilot, /sales",
                "snooze-days", "7", "max-snoozes", "5", "security-emails", "false"));
        assertEquals(List.of("/staff", "/pilot", "/sales"), s.campaignGroups());
        assertEquals(7, s.snoozeDays());
        assertEquals(5, s.maxSnoozes());
        assertFalse(s.securityEmails());
    }

    @Test
    void snoozeDaysAreClampedToZeroToFourteenAndBadValuesNamed() {
        assertEquals(14, RegisterSettings.from(Map.of("snooze-days", "30")).snoozeDays());
        assertEquals(1, RegisterSettings.from(Map.of("snooze-days", "soon")).snoozeDays());
        List<String> problems = RegisterSettings.problems(Map.of("snooze-days", "15", "max-snoozes", "-1",
                "security-emails", "maybe", "campaign-groups", "staff"));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("(snooze-days)") && problems.get(0).contains("0 to 14"), problems.get(0));
        assertTrue(problems.get(3).contains("'staff'"), problems.get(3));
        assertEquals(List.of(), RegisterSettings.problems(Map.of("snooze-days", "0", "campaign-groups", "/staff")));
    }

    @Test
    void aCampaignGroupCoversItsSubGroupsButNotNamesThatMerelyStartAlike() {
        RegisterSettings s = RegisterSettings.from(Map.of("campaign-groups", "/staff"));
        assertTrue(s.covers(Set.of("/staff")));
        assertTrue(s.covers(Set.of("/other", "/staff/interns")));
        assertFalse(s.covers(Set.of("/staffing")));
        assertFalse(s.covers(Set.of()));
        assertFalse(RegisterSettings.from(null).covers(Set.of("/staff")));
    }

    @Test
    void everyKeyHasAFieldWithAHelpText() {
        assertEquals(List.of("campaign-groups", "snooze-days", "max-snoozes", "security-emails", "strongest-first"),
                RegisterSettings.configProperties().stream().map(p -> p.getName()).toList());
        RegisterSettings.configProperties().forEach(p -> assertFalse(p.getHelpText().isBlank(), p.getName()));
    }
}
