package org.mfasuite.keycloak.apppassword;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * An app password as the user sees it: 28 lowercase letters shown in groups of four
 * ({@code abcd efgh ijkl mnop qrst uvwx yzab}). The first group is a public id that selects the one stored record
 * to check; the other 24 letters are the secret, 24 x log2(26) = 112.8 bits from {@link SecureRandom}.
 * What users type is read leniently: spaces, dashes and upper case are ignored.
 *
 * @param publicId the first four letters: not secret, unique among one user's app passwords
 * @param secret   the 24 secret letters
 */
public record AppPasswordSecret(String publicId, String secret) {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";
    static final int ID_LENGTH = 4;
    static final int SECRET_LENGTH = 24;
    static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    public AppPasswordSecret {
        if (!wellFormed(publicId, ID_LENGTH) || !wellFormed(secret, SECRET_LENGTH)) {
            throw new IllegalArgumentException("not an app password");
        }
    }

    /** A new app password. */
    public static AppPasswordSecret generate() {
        return generate(RANDOM);
    }

    static AppPasswordSecret generate(SecureRandom random) {
        return new AppPasswordSecret(letters(random, ID_LENGTH), letters(random, SECRET_LENGTH));
    }

    /** Bits of entropy in the secret part. */
    static double secretBits() {
        return SECRET_LENGTH * Math.log(ALPHABET.length()) / Math.log(2);
    }

    /**
     * What the user typed, read as an app password; empty when it cannot be one (then it may be the real password).
     * Spaces, tabs, dashes and case do not matter: {@code "ABCD-efgh ijkl…"} reads as {@code "abcdefghijkl…"}.
     */
    public static Optional<AppPasswordSecret> parse(String typed) {
        if (typed == null || typed.length() > 4 * (ID_LENGTH + SECRET_LENGTH)) {
            return Optional.empty();
        }
        StringBuilder letters = new StringBuilder(ID_LENGTH + SECRET_LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            letters.append(Character.toLowerCase(c));
        }
        String all = letters.toString().toLowerCase(Locale.ROOT);
        if (!wellFormed(all, ID_LENGTH + SECRET_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new AppPasswordSecret(all.substring(0, ID_LENGTH), all.substring(ID_LENGTH)));
    }

    /** As shown once to the user: lowercase letters in groups of four separated by spaces. */
    public String formatted() {
        String all = publicId + secret;
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < all.length(); i += GROUP) {
            if (i > 0) {
                shown.append(' ');
            }
            shown.append(all, i, Math.min(all.length(), i + GROUP));
        }
        return shown.toString();
    }

    /** Never the secret: this value may end up in a log line. */
    @Override
    public String toString() {
        return "AppPasswordSecret[publicId=" + publicId + "]";
    }

    private static String letters(SecureRandom random, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length())); // nextInt(bound) is unbiased
        }
        return new String(out);
    }

    private static boolean wellFormed(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }
}
