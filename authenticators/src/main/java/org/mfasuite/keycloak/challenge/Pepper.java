package org.mfasuite.keycloak.challenge;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A server-side secret mixed into every code hash, derived from the realm's HMAC signing key (stored in
 * the database, rotated by Keycloak). Whoever reads the authentication-session cache alone cannot test
 * the 10^6 possible codes against a stored hash. The signing key itself is never used as the pepper:
 * {@code secret = HMAC-SHA256(realm key, "mfa-code-pepper")}. There is no pepper without a key.
 *
 * @param kid    the realm key's id, kept with the challenge so a rotated key still verifies
 * @param secret the derived secret
 */
public record Pepper(String kid, byte[] secret) {

    /** What keeps the derived secret apart from every other use of the realm key. */
    static final String LABEL = "mfa-code-pepper";

    /** The pepper of the realm key {@code kid} with raw bytes {@code realmKey}. */
    public static Pepper derive(String kid, byte[] realmKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(realmKey, "HmacSHA256"));
            return new Pepper(kid, mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pepper[kid=" + kid + "]";
    }
}
