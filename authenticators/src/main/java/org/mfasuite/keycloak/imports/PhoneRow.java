package org.mfasuite.keycloak.imports;

import java.util.List;

/**
 * One user's line of an import file, as read: who ({@code username} or {@code email}), the numbers by column, the
 * wished default method; or why the line could not be read.
 *
 * @param row           1-based: the data row of a CSV file (the header not counted), the user object of a JSON file
 * @param user          username or email as written, or null
 * @param numbers       the numbers in column order: {@code phone}, {@code alternate_phone}, {@code office_phone}
 * @param defaultMethod the {@code default_method} cell as written, or null
 * @param problem       why the line is unusable, or null
 */
public record PhoneRow(int row, String user, List<Number> numbers, String defaultMethod, Problem problem) {

    public static final String PHONE = "phone";
    public static final String ALTERNATE = "alternate_phone";
    public static final String OFFICE = "office_phone";
    public static final String DEFAULT_METHOD = "default_method";

    /**
     * @param column {@link #PHONE}, {@link #ALTERNATE} or {@link #OFFICE}
     * @param raw    the number as written
     * @param region ISO region for a number without country code (from a country-code column), or null
     */
    public record Number(String column, String raw, String region) {
    }

    /** A reason code ({@code malformed}, {@code unknown-user}, …) and a sentence for people. */
    public record Problem(String reason, String message) {
    }

    public PhoneRow {
        numbers = List.copyOf(numbers);
    }

    public static PhoneRow broken(int row, String user, String reason, String message) {
        return new PhoneRow(row, user, List.of(), null, new Problem(reason, message));
    }
}
