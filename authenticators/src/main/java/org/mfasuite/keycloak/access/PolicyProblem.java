package org.mfasuite.keycloak.access;

/**
 * One thing wrong with a policy's config, as the evaluation finds it (a policy with any blocks the sign-ins it
 * covers) and as the admin REST reports it at the field. Field names are a public contract.
 *
 * @param field   the config key at fault ({@code include-groups}, {@code networks}, ...); null when the policy as a
 *                whole is at fault (its config is gone)
 * @param code    what kind of problem, for translated texts: {@code unknown-group}, {@code unknown-role},
 *                {@code unknown-client}, {@code bad-range}, {@code no-grant}, {@code bad-grant}, {@code bad-state},
 *                {@code bad-client-type}, {@code bad-number}, {@code bad-country}, {@code bad-risk},
 *                {@code missing-config}
 * @param value   the offending value as written; null when there is none (nothing chosen)
 * @param message the problem in English, naming the field: what the sign-in log and what-if show
 */
public record PolicyProblem(String field, String code, String value, String message) {

    public static final String UNKNOWN_GROUP = "unknown-group";
    public static final String UNKNOWN_ROLE = "unknown-role";
    public static final String UNKNOWN_CLIENT = "unknown-client";
    public static final String BAD_RANGE = "bad-range";
    public static final String NO_GRANT = "no-grant";
    public static final String BAD_GRANT = "bad-grant";
    public static final String BAD_STATE = "bad-state";
    public static final String BAD_CLIENT_TYPE = "bad-client-type";
    public static final String BAD_NUMBER = "bad-number";
    public static final String BAD_COUNTRY = "bad-country";
    public static final String BAD_RISK = "bad-risk";
    public static final String MISSING_CONFIG = "missing-config";
    /** Found by a caller that knows no better kind. */
    public static final String OTHER = "other";

    @Override
    public String toString() {
        return message;
    }
}
