package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.push.delivery.PushDeliverySettings;
import org.mfasuite.keycloak.push.delivery.PushTarget;

/** What a device may send: push targets, names, JWS shapes, settings. */
class PushProtocolInputTest {

    /** A real P-256 point (RFC 7515 A.3's key), uncompressed: 0x04 || x || y. */
    static final String P256_POINT = Base64.getUrlEncoder().withoutPadding().encodeToString(concat(
            new byte[]{4}, Base64.getUrlDecoder().decode(DeviceKeyTest.X), Base64.getUrlDecoder().decode(DeviceKeyTest.Y)));

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String b64(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[bytes]);
    }

    private static PushTarget push(String json) throws Exception {
        return PushTargets.read(JsonSerialization.mapper.readTree(json), PushDeliverySettings.defaults());
    }

    @Test
    void pushTargets() throws Exception {
        assertNull(push("{\"kind\":\"none\"}"));
        assertNull(PushTargets.read(null, PushDeliverySettings.defaults()));
        assertEquals("fcm", push("{\"kind\":\"fcm\",\"token\":\"abc\"}").kind());
        PushTarget web = push("{\"kind\":\"webpush\",\"endpoint\":\"https://fcm.googleapis.com/fcm/send/x\",\"p256dh\":\""
                + P256_POINT + "\",\"auth\":\"" + b64(16) + "\"}");
        assertEquals("https://fcm.googleapis.com/fcm/send/x", web.endpoint());
        for (String bad : new String[]{"{\"kind\":\"sms\"}", "[]", "{\"kind\":\"fcm\",\"token\":\"\"}",
                "{\"kind\":\"webpush\",\"endpoint\":\"file:///etc/passwd\",\"p256dh\":\"" + b64(65) + "\",\"auth\":\"" + b64(16) + "\"}",
                "{\"kind\":\"webpush\",\"endpoint\":\"https://x.example\",\"p256dh\":\"" + b64(64) + "\",\"auth\":\"" + b64(16) + "\"}",
                "{\"kind\":\"webpush\",\"endpoint\":\"https://x.example\",\"p256dh\":\"" + b64(65) + "\",\"auth\":\"!!\"}",
                "{\"kind\":\"webpush\",\"endpoint\":\"https://attacker.example/x\",\"p256dh\":\"" + P256_POINT + "\",\"auth\":\"" + b64(16) + "\"}",
                "{\"kind\":\"webpush\",\"endpoint\":\"http://127.0.0.1:8080/admin\",\"p256dh\":\"" + P256_POINT + "\",\"auth\":\"" + b64(16) + "\"}"}) {
            DeviceApiException e = assertThrows(DeviceApiException.class, () -> push(bad), bad);
            assertEquals("invalid_request", e.error());
        }
    }

    @Test
    void deviceNamesArePrintableAndShort() {
        assertEquals("Phone", DeviceEnrolment.cleanName("  "));
        assertEquals("Pixel 8", DeviceEnrolment.cleanName("Pixel\u0000 8\n"));
        assertEquals(64, DeviceEnrolment.cleanName("x".repeat(500)).length());
    }

    @Test
    void aJwsMustBeCompactEs256OfTheExpectedType() {
        TestDevice device = new TestDevice();
        String answer = device.sign(Map.of("alg", "ES256", "typ", "mfa-push-answer+jwt"), Map.of("challenge", "c1"));
        CompactJws jws = CompactJws.parse(answer, "mfa-push-answer+jwt", m -> DeviceApiException.badRequest("invalid_request", m));
        assertTrue(jws.verifiedBy(device.key()));
        assertEquals("c1", jws.payload().path("challenge").asText());
        assertThrows(DeviceApiException.class, () -> CompactJws.parse(answer, "mfa-push-enroll+jwt",
                m -> DeviceApiException.badRequest("invalid_request", m)), "another message's type");
        assertThrows(DeviceApiException.class, () -> CompactJws.parse(answer + ".x", "mfa-push-answer+jwt",
                m -> DeviceApiException.badRequest("invalid_request", m)));
    }

    @Test
    void settingsAreBoundedAndNamed() {
        assertEquals(new PushSettings(60, 5, 20, null, NumberMatch.Mode.TYPE), PushSettings.DEFAULTS);
        assertEquals(NumberMatch.Mode.CHOOSE, PushSettings.from(Map.of("number-matching", "choose")).numberMatching());
        assertEquals(NumberMatch.Mode.TYPE, PushSettings.from(Map.of("number-matching", "chose")).numberMatching(),
                "a typo falls back to typing, the stronger form");
        assertEquals(java.util.List.of("Number matching (number-matching) must be 'type' or 'choose'"),
                PushSettings.problems(Map.of("number-matching", "chose")));
        assertEquals(300, PushSettings.from(Map.of("challenge-seconds", "9999")).challengeSeconds());
        assertEquals(0, PushSettings.from(Map.of("mute-minutes", "0")).muteMinutes());
        assertEquals(java.util.List.of("Requests per user per 5 minutes (push-limit) must be a whole number from 1 to 50"),
                PushSettings.problems(Map.of("push-limit", "0")));
    }

    @Test
    void theQrCodeHoldsTheLink() throws Exception {
        String link = "https://id.example.org/realms/demo/mfa-push/app/#enroll=" + "x".repeat(600);
        String svg = QrCode.svg(link);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assertEquals(link, QrCodes.decode(svg));
    }
}
