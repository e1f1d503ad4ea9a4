package org.mfasuite.keycloak.audit;

import java.util.Locale;

/** The sign-in log's filters applied to rows (user, client and time are asked of the event store itself). */
public record SignInFilter(String method, String result) {

    public static SignInFilter of(String method, String result) {
        String m = method == null || method.isBlank() ? null : method.trim().toLowerCase(Locale.ROOT);
        String r = result == null || result.isBlank() ? null : result.trim().toLowerCase(Locale.ROOT);
        if (r != null && !r.equals(SignInRow.SUCCESS) && !r.equals(SignInRow.FAILURE)) {
            throw new InvalidQuery("'result' must be success or failure");
        }
        return new SignInFilter(m, r);
    }

    public boolean matches(SignInRow row) {
        return (method == null || method.equals(row.method())) && (result == null || result.equals(row.result()));
    }
}
