package org.mfasuite.keycloak.oath;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Strict RFC 4648 base32 for token secrets from CSV files: spaces and padding are tolerated (vendors print them),
 * anything else outside the alphabet, or a length no encoder produces, is refused instead of guessed.
 */
public final class Base32Secret {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32Secret() {
    }

    /** The decoded bytes; IllegalArgumentException says what is wrong. */
    public static byte[] decode(String text) {
        String s = text.replaceAll("[\\s]", "").toUpperCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        s = s.substring(0, end);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        int rest = s.length() % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("length " + s.length() + " is not a base32 length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = ALPHABET.indexOf(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("trailing bits are not zero");
        }
        return out.toByteArray();
    }

    /** Upper-case base32 without padding: what Keycloak's OTP credential decodes ({@code secretEncoding=BASE32}). */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
