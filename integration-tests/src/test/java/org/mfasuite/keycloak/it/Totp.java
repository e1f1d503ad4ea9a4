package org.mfasuite.keycloak.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes as Keycloak's default OTP policy makes them (HmacSHA1, 6 digits, 30 s), for seeded secrets. */
final class Totp {

    private Totp() {
    }

    /** The code at Keycloak's time: the wall clock plus the server's time offset. */
    static String code(String rawSecret, long offsetSeconds) {
        long counter = (System.currentTimeMillis() / 1000 + offsetSeconds) / 30;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(rawSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
