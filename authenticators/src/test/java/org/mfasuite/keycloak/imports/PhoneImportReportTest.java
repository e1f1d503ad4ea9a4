package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.sms.PhonePolicy;

/** The report of a written plan: users deleted meanwhile, and a write that failed part way. */
class PhoneImportReportTest {

    private static final Map<String, PhonePlan.Holder> USERS = Map.of(
            "anna", new PhonePlan.Holder("id-anna", "anna", List.of(), null, null, null),
            "bo", new PhonePlan.Holder("id-bo", "bo", List.of(), null, null, null),
            "cai", new PhonePlan.Holder("id-cai", "cai", List.of(), null, null, null));
    private static final PhoneFile FILE = PhoneCsv.parse("username,phone\nanna,+46701234561\nbo,+46701234562\n"
            + "cai,+46701234563\n");
    private static final PhonePlan PLAN = PhonePlan.of(FILE, USERS::get, new PhonePlan.Rules(
            PhonePolicy.from(Map.of("default-region", "SE")), true));

    private static List<String> statuses(PhoneImportReport report) {
        return report.lines().stream().map(l -> l.status() + (l.reason() == null ? "" : ":" + l.reason())).toList();
    }

    @Test
    void allWritten() {
        PhoneImportReport report = PhoneImportReport.of(FILE, PLAN, false, new PhoneImportReport.Written(Set.of(),
                Set.of(), 3, 3));
        assertTrue(report.committed());
        assertNull(report.error());
        assertEquals(3, report.added());
    }

    @Test
    void aUserDeletedMeanwhileIsASkippedLine() {
        PhoneImportReport report = PhoneImportReport.of(FILE, PLAN, false, new PhoneImportReport.Written(
                Set.of("id-bo"), Set.of(), 3, 3));
        assertEquals(List.of("added", "skipped:user-gone", "added"), statuses(report));
        assertEquals(2, report.added());
        assertEquals(1, report.skipped());
        assertTrue(report.committed());
        assertNull(report.error());
    }

    @Test
    void aWriteThatFailedPartWaySaysWhatWasWritten() {
        PhoneImportReport report = PhoneImportReport.of(FILE, PLAN, false, new PhoneImportReport.Written(Set.of(),
                Set.of("id-bo", "id-cai"), 1, 3));
        assertTrue(report.committed(), "what was written is committed");
        assertEquals("write-failed", report.error());
        assertEquals("1 of 3 users written; run the file again, it adds only the rest.", report.message());
        assertEquals(List.of("added", "not-imported:write-failed", "not-imported:write-failed"), statuses(report));
        assertEquals(1, report.added(), "the admin event counts only what was written");
        PhoneImportReport none = PhoneImportReport.of(FILE, PLAN, false, new PhoneImportReport.Written(Set.of(),
                Set.of("id-anna", "id-bo", "id-cai"), 0, 3));
        assertFalse(none.committed());
        assertEquals("write-failed", none.error());
    }
}
