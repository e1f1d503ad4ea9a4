package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.mfasuite.keycloak.audit.Csv;
import org.mfasuite.keycloak.oath.SafeText;

/**
 * The answer to a phone import: one line per number and per default method. {@code status}: {@code added},
 * {@code already-there} (the user has it; nothing to do), {@code default-set}, {@code skipped} (with
 * {@code reason} and {@code message}), or {@code not-imported} (a good line of a file refused as a whole). On a dry
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

    /** The report of a plan; {@code committed}: its additions and defaults were written. */
    public static PhoneImportReport of(PhoneFile file, PhonePlan plan, boolean committed, boolean partial) {
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
