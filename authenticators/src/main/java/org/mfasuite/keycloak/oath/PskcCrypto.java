package org.mfasuite.keycloak.oath;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of RFC 6030 section 6: AES-CBC values whose first 16 bytes are the IV (XML Encryption), HMAC
 * over IV and ciphertext (section 6.1.1) with a MAC key that is itself encrypted, and PBKDF2 key derivation from a
 * password (section 6.2).
 */
final class PskcCrypto {

    static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    static final String AES192_CBC = "http://www.w3.org/2001/04/xmlenc#aes192-cbc";
    static final String AES256_CBC = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
    static final String HMAC_SHA1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
    static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
    static final String PBKDF2 = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2";
    /** PBKDF2 work a file may ask for: enough for real files, not a way to burn the server's CPU. */
    static final int MAX_ITERATIONS = 1_000_000;

    private PskcCrypto() {
    }

    /** AES-CBC with the IV prepended, PKCS#5 padding; the algorithm URI must match the key's length. */
    static byte[] decrypt(String algorithm, byte[] key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        int expected = switch (algorithm == null ? "" : algorithm) {
            case AES128_CBC -> 16;
            case AES192_CBC -> 24;
            case AES256_CBC -> 32;
            default -> throw new GeneralSecurityException("unsupported encryption algorithm " + algorithm);
        };
        if (key.length != expected) {
            throw new GeneralSecurityException("the key has " + key.length * 8 + " bits, the file needs " + expected * 8);
        }
        if (ivAndCiphertext.length < 32 || ivAndCiphertext.length % 16 != 0) {
            throw new GeneralSecurityException("the encrypted value has a wrong length");
        }
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new IvParameterSpec(Arrays.copyOfRange(ivAndCiphertext, 0, 16)));
        return cipher.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
    }

    /** Whether {@code mac} is the HMAC of the encrypted value (IV and ciphertext), compared in constant time. */
    static boolean macMatches(String algorithm, byte[] macKey, byte[] ivAndCiphertext, byte[] mac)
            throws GeneralSecurityException {
        String jca = switch (algorithm == null ? "" : algorithm) {
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA256 -> "HmacSHA256";
            default -> throw new GeneralSecurityException("unsupported MAC algorithm " + algorithm);
        };
        Mac hmac = Mac.getInstance(jca);
        hmac.init(new SecretKeySpec(macKey, jca));
        return MessageDigest.isEqual(hmac.doFinal(ivAndCiphertext), mac);
    }

    /** PBKDF2 (PKCS #5 v2.0) with HMAC-SHA1 unless the file names another PRF. */
    static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int keyLength, String prf)
            throws GeneralSecurityException {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new GeneralSecurityException("iteration count " + iterations + " is outside 1.." + MAX_ITERATIONS);
        }
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new GeneralSecurityException("key length " + keyLength + " is not an AES key length");
        }
        String algorithm = prf != null && prf.toLowerCase(java.util.Locale.ROOT).endsWith("hmac-sha256")
                ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1";
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyLength * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }
}
