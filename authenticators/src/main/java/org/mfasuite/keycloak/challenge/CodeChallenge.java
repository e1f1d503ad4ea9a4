package org.mfasuite.keycloak.challenge;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pending one-time code: only its keyed hash is kept, never the code. Immutable; each wrong entry
 * yields a new instance with one more attempt.
 *
 * @param id        random challenge id (128 bits), the replay-guard key once the code is used
 * @param target    what the code was sent to (a credential id or a phone number)
 * @param kid       id of the {@link Pepper} the hash was made with
 * @param salt      random salt, hex
 * @param hash      HMAC-SHA256(key = pepper + salt, code), hex
 * @param expiresAt Keycloak time (seconds) after which the code is refused
 * @param attempts  wrong entries so far
 */
public record CodeChallenge(String id, String target, String kid, String salt, String hash, long expiresAt,
                            int attempts) {

    /** What checking an entered code found. */
    public enum Outcome { VALID, WRONG, EXPIRED, EXHAUSTED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** Issues a new challenge for {@code code}, which the caller sends and then forgets. */
    public static CodeChallenge issue(String target, String code, long now, CodeSettings settings, Pepper pepper) {
        String salt = randomHex(16);
        return new CodeChallenge(randomHex(16), target, pepper.kid(), salt, hmac(pepper, salt, code),
                now + settings.ttlSeconds(), 0);
    }

    /** A code of {@code length} uniformly random digits. */
    public static String newCode(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    /**
     * Checks an entry; expiry and the attempt budget are checked before the code itself.
     *
     * @param pepper the pepper with this challenge's {@link #kid()}
     */
    public Outcome check(String entered, long now, int maxAttempts, Pepper pepper) {
        if (!isLive(now)) {
            return Outcome.EXPIRED;
        }
        if (attempts >= maxAttempts) {
            return Outcome.EXHAUSTED;
        }
        byte[] expected = HEX.parseHex(hash);
        byte[] actual = HEX.parseHex(hmac(pepper, salt, normalise(entered)));
        return MessageDigest.isEqual(expected, actual) ? Outcome.VALID : Outcome.WRONG;
    }

    /** Whether the code can still be entered at {@code now} (tries aside). */
    public boolean isLive(long now) {
        return now < expiresAt;
    }

    /** What people type around a code (spaces, dashes) removed. */
    public static String normalise(String entered) {
        return entered == null ? "" : entered.replaceAll("[\\s-]", "");
    }

    public CodeChallenge withFailedAttempt() {
        return new CodeChallenge(id, target, kid, salt, hash, expiresAt, attempts + 1);
    }

    public int attemptsLeft(int maxAttempts) {
        return Math.max(0, maxAttempts - attempts);
    }

    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("id", id);
        notes.put("target", target);
        notes.put("kid", kid);
        notes.put("salt", salt);
        notes.put("hash", hash);
        notes.put("expires", Long.toString(expiresAt));
        notes.put("attempts", Integer.toString(attempts));
        return notes;
    }

    /** Reads notes written by {@link #toNotes()}; null when they are missing or damaged. */
    public static CodeChallenge fromNotes(Map<String, String> notes) {
        try {
            String id = notes.get("id");
            if (id == null || notes.get("hash") == null || notes.get("salt") == null) {
                return null;
            }
            return new CodeChallenge(id, notes.get("target"), notes.get("kid"), notes.get("salt"), notes.get("hash"),
                    Long.parseLong(notes.get("expires")),
                    Integer.parseInt(notes.get("attempts")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CodeChallenge[id=" + id + ", attempts=" + attempts + "]";
    }

    private static String hmac(Pepper pepper, String saltHex, String code) {
        byte[] salt = HEX.parseHex(saltHex);
        byte[] key = Arrays.copyOf(pepper.secret(), pepper.secret().length + salt.length);
        System.arraycopy(salt, 0, key, pepper.secret().length, salt.length);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }
}
