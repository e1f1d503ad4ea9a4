package org.mfasuite.keycloak.challenge;

/**
 * A server-side secret mixed into every code hash: the realm's HMAC signing key (stored in the database,
 * rotated by Keycloak). Whoever reads the authentication-session cache alone cannot test the 10^6
 * possible codes against a stored hash.
 *
 * @param kid    the key's id, kept with the challenge so a rotated key still verifies
 * @param secret the key bytes; empty when the realm has no HMAC key
 */
public record Pepper(String kid, byte[] secret) {

    static final String NONE = "none";

    public static Pepper none() {
        return new Pepper(NONE, new byte[0]);
    }

    @Override
    public String toString() {
        return "Pepper[kid=" + kid + "]";
    }
}
