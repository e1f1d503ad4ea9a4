package org.mfasuite.keycloak.oath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an import would do, decided before anything is written. */
class ImportPlanTest {

    private static final String HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final Map<String, String> USERS = Map.of("alice", "id-alice", "bob@example.org", "id-bob");

    private static ImportPlan plan(String rows, Map<String, ImportPlan.Known> known) {
        return ImportPlan.of(CsvTokenParser.parse(HEADER + rows), USERS::get,
                serial -> known.getOrDefault(ImportPlan.key(serial), ImportPlan.Known.NONE));
    }

    @Test
    void usersGetTheirTokensAndTheRestWaitsInThePool() {
        ImportPlan plan = plan("alice,S1," + SECRET + ",30,M,X\nbob@example.org,S2," + SECRET + ",30,M,X\n,S3,"
                + SECRET + ",30,M,X\n", Map.of());
        assertEquals(List.of(ImportPlan.Action.ASSIGN, ImportPlan.Action.ASSIGN, ImportPlan.Action.POOL),
                plan.steps().stream().map(ImportPlan.Step::action).toList());
        assertEquals("id-bob", plan.steps().get(1).userId());
        assertFalse(plan.hasSkips());
        ImportReport report = ImportReport.of("csv", plan, true, false);
        assertEquals(3, report.imported());
        assertEquals(2, report.assigned());
        assertEquals(1, report.pooled());
        assertEquals(List.of("assigned", "assigned", "imported"), report.rows().stream().map(ImportReport.Row::status).toList());
    }

    @Test
    void aDryRunReportsWhatTheImportWouldDoAndIsAcceptedOnlyWhenTheImportWouldBe() {
        ImportPlan good = plan("alice,S1," + SECRET + ",30,M,X\n,S3," + SECRET + ",30,M,X\n", Map.of());
        ImportReport would = ImportReport.of("csv", good, true, false).asDryRun();
        assertFalse(would.committed(), "nothing written");
        assertEquals(Boolean.TRUE, would.dryRun());
        assertEquals(List.of("assigned", "imported"), would.rows().stream().map(ImportReport.Row::status).toList());
        assertTrue(would.accepted());

        ImportPlan bad = plan("alice,S1," + SECRET + ",30,M,X\nmallory,S5," + SECRET + ",30,M,X\n", Map.of());
        assertFalse(ImportReport.of("csv", bad, false, false).asDryRun().accepted(), "the import would refuse the file");
        assertTrue(ImportReport.of("csv", bad, true, true).asDryRun().accepted(), "partial: the good rows would go in");
        assertFalse(ImportReport.failed("csv", false, new TokenRow.Problem("bad-header", "x")).asDryRun().accepted());
        assertTrue(ImportReport.of("csv", good, true, false).accepted(), "a real import: accepted = committed");
    }

    @Test
    void duplicatesUnknownUsersAndBadRowsAreSkippedWithTheirReason() {
        ImportPlan plan = plan("alice,S1," + SECRET + ",30,M,X\n"
                + "alice,s1," + SECRET + ",30,M,X\n"
                + ",POOLED," + SECRET + ",30,M,X\n"
                + ",TAKEN," + SECRET + ",30,M,X\n"
                + "mallory,S5," + SECRET + ",30,M,X\n"
                + "alice,S6,XYZ1,30,M,X\n",
                Map.of("pooled", new ImportPlan.Known(ImportPlan.State.POOLED, null),
                        "taken", new ImportPlan.Known(ImportPlan.State.ASSIGNED, "=carol")));
        assertTrue(plan.hasSkips());
        ImportReport report = ImportReport.of("csv", plan, false, false);
        assertEquals(List.of("not-imported", "skipped", "skipped", "skipped", "skipped", "skipped"),
                report.rows().stream().map(ImportReport.Row::status).toList());
        assertEquals(java.util.Arrays.asList("file-refused", "duplicate-in-file", "duplicate-existing",
                "duplicate-existing", "unknown-user", "bad-secret"),
                report.rows().stream().map(ImportReport.Row::reason).toList());
        assertTrue(report.rows().get(3).message().contains("'=carol"), "names from the store are neutralised too");
        assertEquals(0, report.imported());
        assertEquals(5, report.skipped());
    }

    @Test
    void aStaleEntryIsReplaced() {
        ImportPlan plan = plan("alice,S1," + SECRET + ",30,M,X\n",
                Map.of("s1", new ImportPlan.Known(ImportPlan.State.STALE, null)));
        assertEquals(ImportPlan.Action.ASSIGN, plan.steps().get(0).action());
        assertTrue(plan.steps().get(0).replacesStale());
    }

    @Test
    void partialImportsReportSkipsAndCommitTheRest() {
        ImportPlan plan = plan("alice,S1," + SECRET + ",30,M,X\nnobody,S2," + SECRET + ",30,M,X\n", Map.of());
        ImportReport report = ImportReport.of("csv", plan, true, true);
        assertEquals(1, report.imported());
        assertEquals(1, report.skipped());
        assertTrue(report.committed());
    }
}
