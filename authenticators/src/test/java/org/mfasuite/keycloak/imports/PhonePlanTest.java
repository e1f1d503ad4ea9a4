package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.sms.PhonePolicy;

/** What a phone import does to each row, decided by the realm's phone rules before anything is written. */
class PhonePlanTest {

    private static final String HEADER = "username,phone,alternate_phone,office_phone,default_method\n";
    private static final PhonePolicy SWEDEN = PhonePolicy.from(Map.of("default-region", "SE", "max-phones", "3"));

    private static final PhonePlan.Holder ANNA = new PhonePlan.Holder("id-anna", "anna", List.of(), "pw-anna", null, null);
    private static final PhonePlan.Holder BO = new PhonePlan.Holder("id-bo", "bo",
            List.of(new PhonePlan.Existing("ph-bo", "+46701234567", false)), "pw-bo", "app-bo", null);
    private static final Map<String, PhonePlan.Holder> USERS = Map.of("anna", ANNA, "bo", BO,
            "bo@example.org", BO, "shared@example.org", PhonePlan.Holder.AMBIGUOUS);

    private static PhonePlan plan(String rows, PhonePolicy policy, boolean calls) {
        return PhonePlan.of(PhoneCsv.parse(HEADER + rows), USERS::get, new PhonePlan.Rules(policy, calls));
    }

    private static List<String> outcomes(PhonePlan plan) {
        return plan.steps().stream().map(s -> s.action() == PhonePlan.Action.SKIP ? s.problem().reason()
                : s.action().name().toLowerCase()).toList();
    }

    @Test
    void numbersAreNormalisedByTheRealmsRegionAndOfficeNumbersBecomeCallOnly() {
        PhonePlan plan = plan("anna,070-123 45 68,+46 70 123 45 69,08-12 34 56,sms\n", SWEDEN, true);
        assertEquals(List.of("add", "add", "add", "default"), outcomes(plan));
        List<PhonePlan.Step> steps = plan.steps();
        assertEquals("+46701234568", steps.get(0).number());
        assertFalse(steps.get(0).landline());
        assertTrue(steps.get(2).number().startsWith("+468"), steps.get(2).number());
        assertTrue(steps.get(2).landline());
        // the default: the first number that takes texts, added by this import
        assertEquals("sms", steps.get(3).method());
        assertEquals("+46701234568", steps.get(3).number());
        assertNull(steps.get(3).targetCredentialId());
        assertFalse(plan.hasSkips());
    }

    @Test
    void aMobileNumberInTheOfficeColumnIsStoredForCallsToo() {
        PhonePlan plan = plan("anna,,,+46 70 123 45 68,voice\n", SWEDEN, true);
        assertTrue(plan.steps().get(0).landline());
        assertEquals("+46701234568", plan.steps().get(1).number());
    }

    @Test
    void officeNumbersNeedACallStepAndLandlinesInTheMobileColumnAreRefusedUnlessAllowed() {
        assertEquals(List.of("calls-not-offered"), outcomes(plan("anna,,,08-12 34 56,\n", SWEDEN, false)));
        assertEquals(List.of("not-mobile"), outcomes(plan("anna,08-12 34 56,,,\n", SWEDEN, true)));
        PhonePolicy landlines = PhonePolicy.from(Map.of("default-region", "SE", "allow-landlines", "true"));
        PhonePlan plan = plan("anna,08-12 34 56,,,\n", landlines, true);
        assertEquals(List.of("add"), outcomes(plan));
        assertTrue(plan.steps().get(0).landline());
    }

    @Test
    void aSecondRunFindsEverythingAlreadyThere() {
        PhonePlan plan = plan("bo,+46 70 123 45 67,,,\n", SWEDEN, true);
        assertEquals(List.of("already"), outcomes(plan));
        PhonePlan.Holder after = new PhonePlan.Holder("id-bo", "bo", BO.phones(), "ph-bo", null, null);
        PhonePlan again = PhonePlan.of(PhoneCsv.parse(HEADER + "bo,+46701234567,,,sms\n"), n -> after,
                new PhonePlan.Rules(SWEDEN, true));
        assertEquals(List.of("already", "already"), outcomes(again));
    }

    @Test
    void unknownUsersRegionsDuplicatesAndMalformedNumbersAreLinesOfTheReport() {
        PhonePlan plan = plan("""
                nobody,+46701234568,,,
                shared@example.org,+46701234568,,,
                anna,+49 1512 3456789,not a number,,
                bo@example.org,+46701234568,+46 70 123 45 68,,
                bo,+46701234569,,,
                """, SWEDEN, true);
        assertEquals(List.of("unknown-user", "unknown-user", "region-not-allowed", "malformed", "add", "duplicate",
                "duplicate"), outcomes(plan));
        assertEquals("+4915123456789", plan.steps().get(2).number());
        assertEquals(5, plan.steps().get(6).row());
        assertTrue(plan.steps().get(6).problem().message().contains("row 4"));
    }

    @Test
    void theRealmsPhoneLimitHolds() {
        PhonePolicy two = PhonePolicy.from(Map.of("default-region", "SE", "max-phones", "2"));
        assertEquals(List.of("add", "too-many-phones"),
                outcomes(plan("bo,+46701234568,+46701234569,,\n", two, true)));
    }

    @Test
    void appAndTokenDefaultsNeedTheUsersCredential() {
        PhonePlan plan = plan("bo,,,,app\nanna,,,,token\n", SWEDEN, true);
        assertEquals(List.of("default", "no-token"), outcomes(plan));
        assertEquals("app-bo", plan.steps().get(0).targetCredentialId());
        assertEquals(List.of("malformed"), outcomes(plan("bo,,,,carrier pigeon\n", SWEDEN, true)));
        assertEquals(List.of("no-phone"), outcomes(plan("anna,,,,sms\n", SWEDEN, true)));
        // the user's existing phone becomes the default
        PhonePlan existing = plan("bo,,,,voice\n", SWEDEN, true);
        assertEquals("ph-bo", existing.steps().get(0).targetCredentialId());
    }

    @Test
    void aReportOfARefusedFileMarksTheGoodLinesNotImported() {
        PhoneFile file = PhoneCsv.parse(HEADER + "anna,+46701234568,,,\nnobody,+46701234569,,,\n");
        PhonePlan plan = PhonePlan.of(file, USERS::get, new PhonePlan.Rules(SWEDEN, true));
        PhoneImportReport refused = PhoneImportReport.of(file, plan, false, false);
        assertEquals(List.of("not-imported", "skipped"), refused.lines().stream().map(PhoneImportReport.Line::status).toList());
        assertEquals(0, refused.added());
        PhoneImportReport partial = PhoneImportReport.of(file, plan, true, true);
        assertEquals(List.of("added", "skipped"), partial.lines().stream().map(PhoneImportReport.Line::status).toList());
        assertEquals(1, partial.added());
        assertTrue(PhoneImportReport.of(file, plan, false, true).asDryRun().accepted());
        assertFalse(refused.asDryRun().accepted());
    }

    @Test
    void cellsFromTheFileAreNeutralisedForSpreadsheets() {
        PhoneFile file = PhoneCsv.parse(HEADER + "=HYPERLINK(\"http://x\"),+46701234568,,,\nanna,@SUM(1),,,\n");
        PhonePlan plan = PhonePlan.of(file, USERS::get, new PhonePlan.Rules(SWEDEN, true));
        PhoneImportReport report = PhoneImportReport.of(file, plan, false, true);
        assertEquals("'=HYPERLINK(\"http://x\")", report.lines().get(0).user());
        assertEquals("'@SUM(1)", report.lines().get(1).number());
        String csv = report.csv();
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), csv);
        assertFalse(csv.contains(",=") || csv.contains(",@"), csv);
    }
}
