package org.mfasuite.keycloak.audit;

import java.util.Locale;
import java.util.Set;

/**
 * The sign-in log's filters applied to rows (user, client and time are asked of the event store itself).
 *
 * @param risk the sign-in risk level the row's sign-in was assessed at ({@code mfa_risk}): none, low, medium or
 *             high; rows of sign-ins that were not assessed match no risk filter
 */
public record SignInFilter(String method, String result, String risk) {

    private static final Set<String> RISKS = Set.of("none", "low", "medium", "high");

    public SignInFilter(String method, String result) {
        this(method, result, null);
    }

    public static SignInFilter of(String method, String result) {
        return of(method, result, null);
    }

    public static SignInFilter of(String method, String result, String risk) {
        String m = method == null || method.isBlank() ? null : method.trim().toLowerCase(Locale.ROOT);
        String r = result == null || result.isBlank() ? null : result.trim().toLowerCase(Locale.ROOT);
        if (r != null && !r.equals(SignInRow.SUCCESS) && !r.equals(SignInRow.FAILURE)) {
            throw new InvalidQuery("'result' must be success or failure");
        }
        String k = risk == null || risk.isBlank() ? null : risk.trim().toLowerCase(Locale.ROOT);
        if (k != null && !RISKS.contains(k)) {
            throw new InvalidQuery("'risk' must be none, low, medium or high");
        }
        return new SignInFilter(m, r, k);
    }

    public boolean matches(SignInRow row) {
        return (method == null || method.equals(row.method())) && (result == null || result.equals(row.result()))
                && (risk == null || risk.equals(row.risk()));
    }
}
