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
            return key == null || key.getSecretKey() == null ? none() : new Pepper(key.getKid(), key.getSecretKey().getEncoded());
        } catch (RuntimeException e) {
            LOG.debugf("Realm %s has no active HS512 key; code hashes are salted only", realm.getName());
            return none();
        }
    }

    /** The key a challenge was issued with; {@link #none()} if it is gone (the code then fails). */
    public static Pepper byKid(KeycloakSession session, RealmModel realm, String kid) {
        if (kid == null || NONE.equals(kid)) {
            return none();
        }
        KeyWrapper key = session.keys().getKey(realm, kid, KeyUse.SIG, Algorithm.HS512);
        return key == null || key.getSecretKey() == null ? none() : new Pepper(kid, key.getSecretKey().getEncoded());
    }

    @Override
    public String toString() {
        return "Pepper[kid=" + kid + "]";
    }
}
