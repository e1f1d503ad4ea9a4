package org.mfasuite.keycloak.imports;

import java.util.List;

/**
 * A parsed import file: its format ({@code csv} or {@code graph-json}) and rows, or the reason the whole file was
 * refused (not CSV, no user column, too many rows, …).
 */
public record PhoneFile(String format, List<PhoneRow> rows, PhoneRow.Problem error) {

    /** Data rows one file may hold; larger exports are split. */
    public static final int MAX_ROWS = 100_000;

    public static PhoneFile of(String format, List<PhoneRow> rows) {
        return new PhoneFile(format, List.copyOf(rows), null);
    }

    public static PhoneFile refused(String format, String reason, String message) {
        return new PhoneFile(format, List.of(), new PhoneRow.Problem(reason, message));
    }

    static PhoneFile tooManyRows(String format) {
        return refused(format, "too-many-rows", "The file has more than " + MAX_ROWS + " rows; split it.");
    }
}
