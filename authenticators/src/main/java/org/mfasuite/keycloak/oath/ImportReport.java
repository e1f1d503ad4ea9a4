package org.mfasuite.keycloak.oath;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an import, one line per row. {@code status}: {@code assigned} (an OTP credential of the user now),
 * {@code imported} (in the pool), {@code skipped} (with {@code reason} and {@code message}), or {@code not-imported}
 * (a good row of a file that was refused as a whole). Text from the file is neutralised for spreadsheets.
 * {@code activation: "pending"} when the realm requires activation: assigned tokens count after the user's code.
 * {@code dryRun: true} on a dry run ({@code ?dry-run=true}): the report the import would give, nothing stored
 * ({@code committed} stays false; the rows say {@code assigned} / {@code imported} as they would be).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(String format, boolean committed, boolean partial, int imported, int assigned,
                           int pooled, int skipped, List<Row> rows, String error, String message,
                           String activation, Boolean dryRun) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int row, String serial, String user, String status, String label, String reason,
                      String message) {
    }

    /** A file refused before any row was read (not XML, a DTD, a wrong CSV header, too large, …). */
    public static ImportReport failed(String format, boolean partial, TokenRow.Problem problem) {
        return new ImportReport(format, false, partial, 0, 0, 0, 0, List.of(), problem.reason(), problem.message(), null, null);
    }

    /** The report of a plan: {@code committed} tells whether its assignments and pool entries were written. */
    public static ImportReport of(String format, ImportPlan plan, boolean committed, boolean partial) {
        List<Row> rows = new ArrayList<>();
        int assigned = 0;
        int pooled = 0;
        int skipped = 0;
        for (ImportPlan.Step step : plan.steps()) {
            TokenRow row = step.row();
            String serial = SafeText.cell(row.serial());
            String user = row.upn() == null ? null : SafeText.cell(row.upn());
            if (step.action() == ImportPlan.Action.SKIP) {
                skipped++;
                rows.add(new Row(row.row(), serial, user, "skipped", null, step.problem().reason(),
                        step.problem().message()));
            } else if (!committed) {
                rows.add(new Row(row.row(), serial, user, "not-imported", row.token().label(), "file-refused",
                        "Nothing was imported because other rows have problems; fix them or use partial=true."));
            } else if (step.action() == ImportPlan.Action.ASSIGN) {
                assigned++;
                rows.add(new Row(row.row(), serial, user, "assigned", row.token().label(), null, null));
            } else {
                pooled++;
                rows.add(new Row(row.row(), serial, null, "imported", row.token().label(), null, null));
            }
        }
        return new ImportReport(format, committed, partial, assigned + pooled, assigned, pooled, skipped, rows,
                null, null, null, null);
    }

    /** The same report noting that assigned tokens wait for the users' activation ({@code "pending"}). */
    public ImportReport withPendingActivation() {
        return new ImportReport(format, committed, partial, imported, assigned, pooled, skipped, rows, error, message,
                "pending", dryRun);
    }

    /** The same report as a dry run's: nothing was written. */
    public ImportReport asDryRun() {
        return new ImportReport(format, false, partial, imported, assigned, pooled, skipped, rows, error, message,
                activation, Boolean.TRUE);
    }

    /** Whether the import was (or, on a dry run, would be) carried out: no file error, no refused row. */
    public boolean accepted() {
        if (!Boolean.TRUE.equals(dryRun)) {
            return committed;
        }
        return error == null && (partial || skipped == 0);
    }
}
