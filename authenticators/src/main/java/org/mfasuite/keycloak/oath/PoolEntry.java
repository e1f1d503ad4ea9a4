package org.mfasuite.keycloak.oath;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The non-secret part of a pool entry (the credential data of a {@code mfa-oath-token} credential): what the token
 * is, and once assigned, whose OTP credential it became. The secret lives in the credential's secret data while the
 * token waits, and is removed when it is assigned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PoolEntry(String manufacturer, String model, String kind, String algorithm, int digits, int period,
                        int counter, String status, String userId, String credentialId, long importedAt) {

    public static final String POOLED = "pool";
    public static final String ASSIGNED = "assigned";

    static PoolEntry of(OathToken token, long now) {
        return new PoolEntry(token.manufacturer(), token.model(), token.kind().subType(), token.algorithm(),
                token.digits(), token.period(), token.counter(), POOLED, null, null, now);
    }

    PoolEntry assignedTo(String user, String credential) {
        return new PoolEntry(manufacturer, model, kind, algorithm, digits, period, counter, ASSIGNED, user, credential,
                importedAt);
    }

    /** The token again, for the assignment of a pooled entry. */
    OathToken token(String serial, byte[] secret) {
        return new OathToken(serial, null, manufacturer, model, OathToken.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
                algorithm, digits, period, counter, secret);
    }
}
