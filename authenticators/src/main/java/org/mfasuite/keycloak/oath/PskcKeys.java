package org.mfasuite.keycloak.oath;

import java.util.HexFormat;

/**
 * What an admin hands over with an encrypted PSKC file: the pre-shared AES key (hex, RFC 6030 section 6.1) or the
 * password for PBKDF2 (section 6.2). Either may be absent.
 *
 * @param allowUnauthenticated whether encrypted secrets without a MAC may be imported: without one, nothing shows
 *                             that the ciphertext was not altered (AES-CBC is malleable), so by default each such
 *                             secret is refused; the request says {@code allow-unauthenticated=true} to accept them
 */
public record PskcKeys(byte[] preSharedKey, char[] password, boolean allowUnauthenticated) {

    public static final PskcKeys NONE = new PskcKeys(null, null, false);

    /** As {@link #of(String, String, boolean)}, refusing encrypted secrets without a MAC. */
    public static PskcKeys of(String hexKey, String password) {
        return of(hexKey, password, false);
    }

    /** From the request headers' values; a key that is not hex of an AES length is refused. */
    public static PskcKeys of(String hexKey, String password, boolean allowUnauthenticated) {
        byte[] key = null;
        if (hexKey != null && !hexKey.isBlank()) {
            String hex = hexKey.replaceAll("\\s", "");
            try {
                key = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The pre-shared key must be hex.");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException("The pre-shared key must be 128, 192 or 256 bits (32, 48 or 64 hex digits).");
            }
        }
        return new PskcKeys(key, password == null || password.isEmpty() ? null : password.toCharArray(),
                allowUnauthenticated);
    }
}
