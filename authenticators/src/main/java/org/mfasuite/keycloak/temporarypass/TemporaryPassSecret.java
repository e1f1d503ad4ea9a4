package org.mfasuite.keycloak.temporarypass;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A temporary access pass as the user types it: upper-case characters from an alphabet without look-alikes (no 0,
 * O, 1, I), 32 of them, so 5 bits each: the realm's minimum length of 12 gives 60 bits. Shown in groups
 * of four; typed with or without the dashes, spaces and in any case.
 */
public final class TemporaryPassSecret {

    /** 32 characters: 5 bits per character. */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int BITS_PER_CHAR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPassSecret() {
    }

    public static String generate(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** As shown to the admin: groups of four joined by dashes ({@code ACDE-FGHJ-KMNP}). */
    public static String display(String pass) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pass.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(pass.charAt(i));
        }
        return b.toString();
    }

    /** What the user typed, as compared: dashes and white space dropped, upper case; null when nothing is left. */
    public static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(typed.length());
        for (char c : typed.toCharArray()) {
            if (c != '-' && !Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        String n = b.toString().toUpperCase(Locale.ROOT);
        return n.isEmpty() || n.length() > 64 ? null : n;
    }

    static int bits(int length) {
        return length * BITS_PER_CHAR;
    }
}
