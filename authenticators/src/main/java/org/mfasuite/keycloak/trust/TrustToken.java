package org.mfasuite.keycloak.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The cookie value of a remembered device: {@code <credential id>.<secret>}, the secret 256 random bits
 * (base64url). Only the secret's SHA-256 is stored; a random secret of that size needs no salt or slow hash.
 *
 * @param credentialId which of the user's {@code mfa-trusted-device} credentials it names
 * @param secret       what the browser proves it holds
 */
public record TrustToken(String credentialId, String secret) {

    static final int SECRET_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** A new secret from {@code random}. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }

    /** What the cookie holds. */
    public String cookieValue() {
        return credentialId + "." + secret;
    }

    /** The token a cookie value names; null for anything malformed. */
    public static TrustToken parse(String cookieValue) {
        if (cookieValue == null) {
            return null;
        }
        int dot = cookieValue.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String id = cookieValue.substring(0, dot);
        String secret = cookieValue.substring(dot + 1);
        return ID.matcher(id).matches() && SECRET.matcher(secret).matches() ? new TrustToken(id, secret) : null;
    }

    /** What is stored: base64url(SHA-256(secret)). */
    public static String hash(String secret) {
        try {
            return BASE64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this token's secret is the one {@code storedHash} was made from; constant time. */
    public boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "TrustToken[" + credentialId + "]";
    }
}
