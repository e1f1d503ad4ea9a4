package org.mfasuite.keycloak.apppassword;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mfasuite.keycloak.challenge.Pepper;

/**
 * The stored form of an app password: {@code HMAC-SHA256(pepper, "mfa-app-password" | user id | public id | secret)}.
 * A 112-bit random secret cannot be guessed offline, so a fast keyed hash is enough (no Argon2: that cost protects
 * low-entropy human passwords); the pepper is server-side (derived from the realm's HMAC key), so a database dump
 * alone verifies nothing. Binding the user id and public id keeps a record from being moved to another user.
 */
final class AppPasswordHash {

    private static final String LABEL = "mfa-app-password";

    private AppPasswordHash() {
    }

    static String of(Pepper pepper, String userId, AppPasswordSecret password) {
        return Base64.getEncoder().encodeToString(mac(pepper, userId, password));
    }

    /** Constant time in the secret: {@link MessageDigest#isEqual} compares every byte. */
    static boolean matches(Pepper pepper, String userId, AppPasswordSecret password, String stored) {
        if (stored == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, mac(pepper, userId, password));
    }

    private static byte[] mac(Pepper pepper, String userId, AppPasswordSecret password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.secret(), "HmacSHA256"));
            String message = LABEL + '\0' + userId + '\0' + password.publicId() + '\0' + password.secret();
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
