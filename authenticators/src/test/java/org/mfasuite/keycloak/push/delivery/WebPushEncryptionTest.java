package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebPushEncryptionTest {

    /** RFC 8291, Appendix A: every input, and the body it gives (header and ciphertext), line breaks removed. */
    static final String PLAINTEXT = "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8"
            + "wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] b(String base64url) {
        return P256.unb64(base64url);
    }

    private static WebPushEncryption rfcSender() {
        KeyPair sender = new KeyPair(P256.publicKey(b(AS_PUBLIC)), P256.privateKey(b(AS_PRIVATE)));
        return new WebPushEncryption(() -> sender, () -> b(SALT));
    }

    @Test
    void rfc8291AppendixAGivesExactlyThePublishedBody() {
        byte[] body = rfcSender().encrypt(b(PLAINTEXT), b(UA_PUBLIC), b(AUTH));

        assertEquals(BODY, P256.b64(body));
        assertEquals("When I grow up, I want to be a watermelon", new String(b(PLAINTEXT), StandardCharsets.US_ASCII));
    }

    @Test
    void rfc8291AppendixABodyDecryptsWithTheUserAgentsKey() throws Exception {
        UserAgent ua = new UserAgent(P256.privateKey(b(UA_PRIVATE)), b(UA_PUBLIC), b(AUTH));

        assertArrayEquals(b(PLAINTEXT), ua.decrypt(b(BODY)));
    }

    @Test
    void headerCarriesSaltRecordSize4096AndTheSendersKey() {
        byte[] body = rfcSender().encrypt(b(PLAINTEXT), b(UA_PUBLIC), b(AUTH));
        ByteBuffer header = ByteBuffer.wrap(body);

        assertArrayEquals(b(SALT), Arrays.copyOf(body, 16));
        header.position(16);
        assertEquals(4096, header.getInt());
        assertEquals(65, header.get());
        assertArrayEquals(b(AS_PUBLIC), Arrays.copyOfRange(body, 21, 86));
        assertEquals(86 + b(PLAINTEXT).length + 1 + 16, body.length, "one record: plaintext, 0x02, tag");
    }

    @Test
    void freshKeysAndSaltEachTimeAndTheUserAgentDecrypts() throws Exception {
        UserAgent ua = UserAgent.fresh();
        byte[] message = new PushMessage("demo", "c-1", 1_700_000_060L).toJson();
        WebPushEncryption encryption = new WebPushEncryption();

        byte[] first = encryption.encrypt(message, ua.publicKey, ua.authSecret);
        byte[] second = encryption.encrypt(message, ua.publicKey, ua.authSecret);

        assertArrayEquals(message, ua.decrypt(first));
        assertArrayEquals(message, ua.decrypt(second));
        assertFalse(Arrays.equals(Arrays.copyOf(first, 16), Arrays.copyOf(second, 16)), "salt differs");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 21, 86), Arrays.copyOfRange(second, 21, 86)), "key differs");
    }

    @Test
    void theLargestPayloadFillsOneRecordOfExactly4096Bytes() throws Exception {
        UserAgent ua = UserAgent.fresh();
        byte[] largest = new byte[WebPushEncryption.MAX_PLAINTEXT];
        Arrays.fill(largest, (byte) 'x');

        byte[] body = new WebPushEncryption().encrypt(largest, ua.publicKey, ua.authSecret);

        assertEquals(4096, body.length);
        assertArrayEquals(largest, ua.decrypt(body));
        assertThrows(IllegalArgumentException.class,
                () -> new WebPushEncryption().encrypt(new byte[WebPushEncryption.MAX_PLAINTEXT + 1], ua.publicKey, ua.authSecret));
    }

    @Test
    void keysThatAreNotOnTheCurveOrTheWrongSizeAreRefused() {
        byte[] offCurve = b(UA_PUBLIC);
        offCurve[64] ^= 1;

        assertThrows(IllegalArgumentException.class, () -> new WebPushEncryption().encrypt(new byte[1], offCurve, b(AUTH)));
        assertThrows(IllegalArgumentException.class,
                () -> new WebPushEncryption().encrypt(new byte[1], Arrays.copyOf(b(UA_PUBLIC), 33), b(AUTH)));
        assertThrows(IllegalArgumentException.class,
                () -> new WebPushEncryption().encrypt(new byte[1], b(UA_PUBLIC), new byte[15]));
    }
}
