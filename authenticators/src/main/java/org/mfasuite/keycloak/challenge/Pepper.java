package org.mfasuite.keycloak.challenge;

import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A server-side secret mixed into every code hash: the realm's HMAC signing key (stored in the database,
 * rotated by Keycloak). Whoever reads the authentication-session cache alone cannot test the 10^6
 * possible codes against a stored hash.
 *
 * @param kid    the key's id, kept with the challenge so a rotated key still verifies
 * @param secret the key bytes; empty when the realm has no HMAC key
 */
public record Pepper(String kid, byte[] secret) {

    private static final Logger LOG = Logger.getLogger(Pepper.class);
    static final String NONE = "none";

    public static Pepper none() {
        return new Pepper(NONE, new byte[0]);
    }

    public static Pepper active(KeycloakSession session, RealmModel realm) {
        try {
            KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
            byte[] secret = secretOf(key);
            if (secret != null) {
                return new Pepper(key.getKid(), secret);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        LOG.warnf("Realm %s has no readable HS512 key; SMS code hashes are salted only", realm.getName());
        return none();
    }

    /** The key a challenge was issued with; null if it is gone (the code can no longer be checked). */
    public static Pepper byKid(KeycloakSession session, RealmModel realm, String kid) {
        if (kid == null || NONE.equals(kid)) {
            return none();
        }
        byte[] secret = secretOf(session.keys().getKey(realm, kid, KeyUse.SIG, Algorithm.HS512));
        return secret == null ? null : new Pepper(kid, secret);
    }

    /** Null for a missing key and for one the server cannot read out (an HSM). */
    private static byte[] secretOf(KeyWrapper key) {
        return key == null || key.getSecretKey() == null ? null : key.getSecretKey().getEncoded();
    }

    @Override
    public String toString() {
        return "Pepper[kid=" + kid + "]";
    }
}
