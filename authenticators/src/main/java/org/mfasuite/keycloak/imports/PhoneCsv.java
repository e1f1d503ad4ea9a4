package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Reads a phone CSV: RFC 4180 quoting (quoted separators, doubled quotes, line breaks inside quotes), {@code ,}
 * {@code ;} or tab as separator (the header line decides; spreadsheets in Swedish or German write {@code ;}), a
 * UTF-8 byte order mark, CRLF or LF. Headers compare without case, spaces, {@code _}, {@code -} or {@code .}, so
 * {@code alternate_phone}, {@code Alternate Phone} and {@code AlternatePhone} are one column; the names MFA Server
 * and Entra exports use are aliases ({@link #COLUMNS}). Unknown columns are ignored.
 */
public final class PhoneCsv {

    static final String USER = "username";
    static final String EMAIL = "email";
    static final String COUNTRY = "country_code";

    /** Normalised header → column. */
    static final Map<String, String> COLUMNS = new HashMap<>();

    static {
        alias(USER, "username", "user", "upn", "userprincipalname", "logonname");
        alias(EMAIL, "email", "emailaddress", "mail");
        alias(PhoneRow.PHONE, "phone", "phonenumber", "mobile", "mobilephone", "primaryphone");
        alias(PhoneRow.ALTERNATE, "alternatephone", "altphone", "alternatemobile", "alternatemobilephone",
                "backupphone");
        alias(PhoneRow.OFFICE, "officephone", "office", "businessphone", "workphone");
        alias(COUNTRY, "countrycode");
        alias(PhoneRow.DEFAULT_METHOD, "defaultmethod", "method", "defaultmfamethod");
    }

    private PhoneCsv() {
    }

    private static void alias(String column, String... names) {
        for (String name : names) {
            COLUMNS.put(name, column);
        }
    }

    public static PhoneFile parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records;
        char separator = separator(body);
        try {
            records = records(body, separator);
        } catch (IllegalArgumentException e) {
            return PhoneFile.refused("csv", "malformed-file", e.getMessage());
        }
        if (records.isEmpty()) {
            return PhoneFile.refused("csv", "empty-file", "The file is empty.");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            String column = COLUMNS.get(normalise(header.get(i)));
            if (column != null) {
                columns.putIfAbsent(column, i);
            }
        }
        if (!columns.containsKey(USER) && !columns.containsKey(EMAIL)) {
            return PhoneFile.refused("csv", "bad-header", "The first line must name the columns, with username or "
                    + "email, and phone, alternate_phone, office_phone or default_method.");
        }
        if (!columns.containsKey(PhoneRow.PHONE) && !columns.containsKey(PhoneRow.ALTERNATE)
                && !columns.containsKey(PhoneRow.OFFICE) && !columns.containsKey(PhoneRow.DEFAULT_METHOD)) {
            return PhoneFile.refused("csv", "bad-header",
                    "The file has no phone, alternate_phone, office_phone or default_method column.");
        }
        if (records.size() - 1 > PhoneFile.MAX_ROWS) {
            return PhoneFile.tooManyRows("csv");
        }
        List<PhoneRow> rows = new ArrayList<>(records.size());
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            if (fields.stream().allMatch(String::isBlank)) {
                continue;
            }
            rows.add(row(i, fields, columns));
        }
        return PhoneFile.of("csv", rows);
    }

    private static PhoneRow row(int number, List<String> fields, Map<String, Integer> columns) {
        String user = cell(fields, columns.get(USER));
        if (user == null) {
            user = cell(fields, columns.get(EMAIL));
        }
        if (user == null) {
            return PhoneRow.broken(number, null, "malformed", "The row has no username or email.");
        }
        String region = null;
        String country = cell(fields, columns.get(COUNTRY));
        if (country != null) {
            region = region(country);
            if (region == null) {
                return PhoneRow.broken(number, user, "malformed", "The country code is not one: "
                        + org.mfasuite.keycloak.oath.SafeText.cell(country) + ".");
            }
        }
        List<PhoneRow.Number> numbers = new ArrayList<>(3);
        for (String column : List.of(PhoneRow.PHONE, PhoneRow.ALTERNATE, PhoneRow.OFFICE)) {
            String raw = unquote(cell(fields, columns.get(column)));
            if (raw != null) {
                numbers.add(new PhoneRow.Number(column, raw, region));
            }
        }
        return new PhoneRow(number, user, numbers, cell(fields, columns.get(PhoneRow.DEFAULT_METHOD)), null);
    }

    /** The region of a calling code ({@code 46}, {@code +46}), or null. */
    static String region(String countryCode) {
        String digits = countryCode.trim().replaceFirst("^(\\+|00)", "");
        if (!digits.matches("[0-9]{1,3}")) {
            return null;
        }
        String region = PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(Integer.parseInt(digits));
        return "ZZ".equals(region) ? null : region;
    }

    /** A number that went through a spreadsheet-safe report ({@code '+46…}) reads as the number again. */
    private static String unquote(String raw) {
        return raw != null && raw.length() > 1 && raw.charAt(0) == '\'' && "+=-@".indexOf(raw.charAt(1)) >= 0
                ? raw.substring(1) : raw;
    }

    private static String cell(List<String> fields, Integer index) {
        if (index == null || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_.\\-]", "");
    }

    /** The separator of the header line: the most frequent of {@code , ; tab} outside quotes; a comma on a tie. */
    static char separator(String text) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma && tab > semicolon ? '\t' : ',';
    }

    /** Fields one line may hold and characters one field may hold: beyond, the file is refused (hostile input). */
    static final int MAX_COLUMNS = 64;
    static final int MAX_CELL = 1024;

    /** RFC 4180 records; stops counting beyond the row limit (the caller refuses the file). */
    static List<List<String>> records(String text, char separator) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    append(field, '"', records.size());
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    append(field, c, records.size());
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                any = true;
            } else if (c == separator) {
                add(fields, field, records.size());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                add(fields, field, records.size());
                records.add(fields);
                if (records.size() > PhoneFile.MAX_ROWS + 1) {
                    return records;
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                append(field, c, records.size());
                any = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("A quoted field is not closed.");
        }
        if (any || field.length() > 0) {
            add(fields, field, records.size());
            records.add(fields);
        }
        return records;
    }

    private static void append(StringBuilder field, char c, int record) {
        if (field.length() >= MAX_CELL) {
            throw new IllegalArgumentException("Line " + (record + 1) + " has a field longer than " + MAX_CELL
                    + " characters.");
        }
        field.append(c);
    }

    private static void add(List<String> fields, StringBuilder field, int record) {
        if (fields.size() >= MAX_COLUMNS) {
            throw new IllegalArgumentException("Line " + (record + 1) + " has more than " + MAX_COLUMNS + " fields.");
        }
        fields.add(field.toString());
    }
}
