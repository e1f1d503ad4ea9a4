package org.mfasuite.keycloak.oath;

/**
 * One row (CSV line or PSKC KeyPackage) of an imported file: either a checked token or the reason it cannot be
 * imported. {@code row} counts as a spreadsheet does (CSV: the header is row 1) or KeyPackages from 1.
 */
public record TokenRow(int row, String serial, String upn, OathToken token, Problem problem) {

    public static TokenRow ok(int row, OathToken token) {
        return new TokenRow(row, token.serial(), token.upn(), token, null);
    }

    public static TokenRow bad(int row, String serial, String upn, Problem problem) {
        return new TokenRow(row, serial, upn, null, problem);
    }

    public boolean isOk() {
        return problem == null;
    }

    /** A reason code (stable, for scripts) and a sentence (for people). */
    public record Problem(String reason, String message) {
    }
}
