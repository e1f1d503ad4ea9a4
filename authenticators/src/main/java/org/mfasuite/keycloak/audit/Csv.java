package org.mfasuite.keycloak.audit;

import java.util.List;

/**
 * RFC 4180 CSV for spreadsheets: CRLF line ends; a cell with a comma, semicolon, tab, quote, CR or LF is quoted,
 * quotes doubled (Excel in Swedish or German splits on {@code ;}: a quoted field stays one cell, so
 * {@code a;=HYPERLINK(…)} never becomes a formula cell of its own).
 * Safe against CSV injection (OWASP): a cell starting with {@code = + - @}, tab or CR is prefixed with {@code '}, so
 * a spreadsheet shows it as text and never runs it as a formula ({@code +46 70•••••67} becomes {@code '+46 70•••••67}).
 */
public final class Csv {

    /** A UTF-8 byte order mark: Excel then reads the file as UTF-8 (the masked phones' bullets). */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char c = v.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf(';') >= 0 || v.indexOf('\t') >= 0 || v.indexOf('"') >= 0
                || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    public static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }
}
