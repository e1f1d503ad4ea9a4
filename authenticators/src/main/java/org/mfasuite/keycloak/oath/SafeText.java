package org.mfasuite.keycloak.oath;

import java.util.regex.Pattern;

/**
 * Text from an imported file that ends up in labels and reports. Admins open reports in spreadsheets: a cell that
 * starts with {@code = + - @} (or a tab / CR) runs as a formula (OWASP "CSV injection"), so such text gets a
 * leading apostrophe. Control characters go; length is capped.
 */
public final class SafeText {

    static final int MAX_LENGTH = 64;
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private SafeText() {
    }

    /** The text as a safe spreadsheet cell and label, or "" for null. */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_LENGTH).forEach(out::appendCodePoint);
        String trimmed = out.toString().trim();
        if (!trimmed.isEmpty() && "=+-@".indexOf(trimmed.charAt(0)) >= 0) {
            return "'" + trimmed;
        }
        return trimmed;
    }

    /** Serials name tokens in URLs and labels: letters and digits first, then . _ : - (no slash: serials are URL path segments), at most 64. */
    public static boolean isSerial(String serial) {
        return serial != null && SERIAL.matcher(serial).matches();
    }
}
