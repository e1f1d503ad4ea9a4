package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mfasuite.keycloak.audit.Csv;
import org.mfasuite.keycloak.oath.SafeText;

/**
 * The answer to a phone import: one line per number and per default method. {@code status}: {@code added},
 * {@code already-there} (the user has it; nothing to do), {@code default-set}, {@code skipped} (with
 * {@code reason} and {@code message}; {@code user-gone}: the user was deleted while the import ran), or
 * {@code not-imported} (a good line of a file refused as a whole, or, with {@code error: write-failed}, of a
 * user not written because the database failed part way: the users before stay written). On a dry
 * run ({@code dryRun: true}) the lines say what the import would do and nothing is stored. Text from the file is
 * neutralised for spreadsheets ({@code =cmd()} becomes {@code '=cmd()}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhoneImportReport(String format, boolean committed, boolean partial, Boolean dryRun, int rows,
                                int added, int alreadyThere, int defaultsSet, int skipped, List<Line> lines,
                                String error, String message) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int row, String user, String column, String number, String method, String status,
                       String reason, String message) {
    }

    public static PhoneImportReport failed(String format, boolean partial, PhoneRow.Problem problem) {
        return new PhoneImportReport(format, false, partial, null, 0, 0, 0, 0, 0, List.of(), problem.reason(),
                problem.message());
    }

    /**
     * What writing a plan did.
     *
     * @param gone      users deleted since planning: nothing written for them
     * @param unwritten users not written because a transaction failed (writing stopped there)
     * @param written   users whose transaction committed (of {@code total} to write)
     */
    public record Written(java.util.Set<String> gone, java.util.Set<String> unwritten, int written, int total) {
    }

    /** The report of a plan that was written (all of it unless {@link Written#unwritten()} names users). */
    public static PhoneImportReport of(PhoneFile file, PhonePlan plan, boolean partial, Written written) {
        PhoneImportReport all = of(file, plan, true, partial, written);
        if (written.unwritten().isEmpty()) {
            return all;
        }
        return new PhoneImportReport(all.format, written.written() > 0, partial, null, all.rows, all.added,
                all.alreadyThere, all.defaultsSet, all.skipped, all.lines, "write-failed", written.written() + " of "
                + written.total() + " users written; run the file again, it adds only the rest.");
    }

    /** The report of a plan; {@code committed}: its additions and defaults were written. */
    public static PhoneImportReport of(PhoneFile file, PhonePlan plan, boolean committed, boolean partial) {
        return of(file, plan, committed, partial, null);
    }

    private static PhoneImportReport of(PhoneFile file, PhonePlan plan, boolean committed, boolean partial,
                                        Written written) {
        List<Line> lines = new ArrayList<>(plan.steps().size());
        int added = 0;
        int already = 0;
        int defaults = 0;
        int skipped = 0;
        boolean refused = !committed && !partial && plan.hasSkips();
        for (PhonePlan.Step s : plan.steps()) {
            String user = SafeText.cell(s.user());
            // E.164 is ours and safe in JSON; a number as written (unreadable) is the file's text
            String number = s.number() == null || s.number().matches("\\+[0-9]{1,15}") ? s.number()
                    : SafeText.cell(s.number());
            String status;
            String reason = null;
            String message = null;
            switch (s.action()) {
                case SKIP -> {
                    skipped++;
                    status = "skipped";
                    reason = s.problem().reason();
                    message = s.problem().message();
                }
                case ALREADY -> {
                    already++;
                    status = "already-there";
                }
                default -> {
                    if (refused) {
                        status = "not-imported";
                        reason = "file-refused";
                        message = "Nothing was imported because other lines have problems; fix them or use partial=true.";
                    } else if (written != null && written.gone().contains(s.userId())) {
                        skipped++;
                        status = "skipped";
                        reason = "user-gone";
                        message = "The user was deleted while the import ran.";
                    } else if (written != null && written.unwritten().contains(s.userId())) {
                        status = "not-imported";
                        reason = "write-failed";
                        message = "Not written: the database failed before this user; run the file again.";
                    } else if (s.action() == PhonePlan.Action.ADD) {
                        added++;
                        status = "added";
                    } else {
                        defaults++;
                        status = "default-set";
                    }
                }
            }
            lines.add(new Line(s.row(), user, s.column(), number, s.method(), status, reason, message));
        }
        return new PhoneImportReport(file.format(), committed, partial, null, file.rows().size(), added, already,
                defaults, skipped, lines, null, null);
    }

    public PhoneImportReport asDryRun() {
        return new PhoneImportReport(format, false, partial, Boolean.TRUE, rows, added, alreadyThere, defaultsSet,
                skipped, lines, error, message);
    }

    public PhoneImportReport asCommitted() {
        return new PhoneImportReport(format, true, partial, dryRun, rows, added, alreadyThere, defaultsSet, skipped,
                lines, error, message);
    }

    /** Whether the import was (or, on a dry run, would be) carried out. */
    public boolean accepted() {
        if (!Boolean.TRUE.equals(dryRun)) {
            return committed;
        }
        return error == null && (partial || skipped == 0);
    }

    /** The report as CSV for a spreadsheet (RFC 4180, BOM, formula cells neutralised). */
    public String csv() {
        StringBuilder out = new StringBuilder(Csv.BOM);
        out.append(Csv.line(List.of("row", "user", "column", "number", "method", "status", "reason", "message")));
        if (error != null) {
            out.append(Csv.line(List.of("", "", "", "", "", "refused", error, message == null ? "" : message)));
        }
        for (Line l : lines) {
            out.append(Csv.line(java.util.Arrays.asList(Integer.toString(l.row()), l.user(), l.column(), l.number(),
                    l.method(), l.status(), l.reason(), l.message())));
        }
        return out.toString();
    }
}
