package org.mfasuite.keycloak.it;

import java.nio.ByteBuffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 4226 / RFC 6238 codes for imported hardware tokens: any HMAC, 6–8 digits, any period. */
public final class OathCodes {

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private OathCodes() {
    }

    public static String hotp(byte[] secret, String hmac, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret, hmac));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + digits + "d", binary % POWERS[digits]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TOTP code at Keycloak's time: the wall clock plus the server's offset. */
    public static String totp(byte[] secret, String hmac, int period, int digits, long offsetSeconds) {
        return hotp(secret, hmac, (System.currentTimeMillis() / 1000 + offsetSeconds) / period, digits);
    }
}
