package org.mfasuite.keycloak.oath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV that Entra ID and MFA Server admins already have: {@code upn,serial number,secret key,time interval,
 * manufacturer,model}, base32 secrets, 30 or 60 second TOTP with 6 digits and HMAC-SHA1. Two optional columns
 * go beyond Entra: {@code algorithm} (SHA1, SHA256, SHA512) and {@code digits} (6 or 8). Quoting per RFC 4180.
 * Fields are separated by commas, or by semicolons when the header line is (as spreadsheets save CSV in locales
 * whose decimal sign is the comma).
 */
public final class CsvTokenParser {

    static final List<String> REQUIRED = List.of("upn", "serial number", "secret key", "time interval",
            "manufacturer", "model");
    /** RFC 4226 section 4: shared secrets of at least 128 bits. */
    static final int MIN_SECRET_BYTES = 16;
    static final int MAX_SECRET_BYTES = 128;

    private CsvTokenParser() {
    }

    public static TokenFile parse(String text) {
        List<List<String>> lines;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            lines = records(body, separator(body));
        } catch (IllegalArgumentException e) {
            return TokenFile.failed("csv", "csv-malformed", e.getMessage());
        }
        if (lines.isEmpty()) {
            return TokenFile.failed("csv", "csv-empty", "The file is empty.");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = lines.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            return TokenFile.failed("csv", "csv-header",
                    "The header must be " + String.join(",", REQUIRED) + "; missing: " + String.join(", ", missing));
        }
        List<TokenRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> fields = lines.get(i);
            if (fields.stream().allMatch(String::isBlank)) {
                continue;
            }
            rows.add(row(i + 1, fields, columns));
        }
        return TokenFile.of("csv", rows);
    }

    private static TokenRow row(int number, List<String> fields, Map<String, Integer> columns) {
        String serial = field(fields, columns, "serial number");
        String upn = field(fields, columns, "upn");
        if (!SafeText.isSerial(serial)) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-serial",
                    "The serial number must be 1 to 64 letters, digits or . _ : - and start with a letter or digit."));
        }
        byte[] secret;
        try {
            secret = Base32Secret.decode(field(fields, columns, "secret key"));
        } catch (IllegalArgumentException e) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-secret",
                    "The secret key is not base32: " + e.getMessage() + "."));
        }
        TokenRow.Problem size = secretSize(secret);
        if (size != null) {
            return TokenRow.bad(number, serial, upn, size);
        }
        String interval = field(fields, columns, "time interval");
        if (!interval.equals("30") && !interval.equals("60")) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-interval",
                    "The time interval must be 30 or 60 seconds."));
        }
        String algorithm = OathAlgorithms.hmac(field(fields, columns, "algorithm"));
        if (algorithm == null) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-algorithm",
                    "The algorithm must be SHA1, SHA256 or SHA512."));
        }
        String digits = field(fields, columns, "digits");
        if (!digits.isEmpty() && !digits.equals("6") && !digits.equals("8")) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-digits", "Digits must be 6 or 8."));
        }
        return TokenRow.ok(number, new OathToken(serial, upn.isEmpty() ? null : upn,
                field(fields, columns, "manufacturer"), field(fields, columns, "model"), OathToken.Kind.TOTP,
                algorithm, digits.isEmpty() ? 6 : Integer.parseInt(digits), Integer.parseInt(interval), 0, secret));
    }

    static TokenRow.Problem secretSize(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            return new TokenRow.Problem("secret-too-short",
                    "The secret key has " + secret.length * 8 + " bits; at least 128 are required (RFC 4226).");
        }
        if (secret.length > MAX_SECRET_BYTES) {
            return new TokenRow.Problem("secret-too-long", "The secret key is longer than 1024 bits.");
        }
        return null;
    }

    private static String field(List<String> fields, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= fields.size() ? "" : fields.get(i).trim();
    }

    /**
     * The header line's separator: {@code ;} when it has more semicolons than commas (what spreadsheets write where
     * the comma is the decimal sign: Swedish, German, Dutch), else {@code ,}.
     */
    static char separator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    static List<List<String>> records(String text) {
        return records(text, ',');
    }

    /** RFC 4180 records: quoted fields may hold the separator, doubled quotes and line breaks. */
    static List<List<String>> records(String text, char separator) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
                any = true;
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("A quoted field is not closed.");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
