package org.mfasuite.keycloak.oath;

import java.util.List;

/** What a parser made of a whole file: its rows, or one file-level problem (then no rows are trusted). */
public record TokenFile(String format, List<TokenRow> rows, TokenRow.Problem error) {

    public static TokenFile of(String format, List<TokenRow> rows) {
        return new TokenFile(format, List.copyOf(rows), null);
    }

    public static TokenFile failed(String format, String reason, String message) {
        return new TokenFile(format, List.of(), new TokenRow.Problem(reason, message));
    }
}
