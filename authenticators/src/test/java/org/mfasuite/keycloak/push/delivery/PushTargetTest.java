package org.mfasuite.keycloak.push.delivery;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PushTargetTest {

    private static final String P256DH = WebPushEncryptionTest.UA_PUBLIC;
    private static final String AUTH = WebPushEncryptionTest.AUTH;
    private static final String FCM_ENDPOINT = "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b";

    private static String reason(PushTarget target) {
        return assertThrows(IllegalArgumentException.class, target::validated).getMessage();
    }

    @Test
    void aBrowserSubscriptionIsValid() {
        PushTarget target = PushTarget.webPush(FCM_ENDPOINT, P256DH, AUTH);

        assertEquals(target, target.validated());
        assertEquals(target, target.validated(PushDeliverySettings.defaults()));
    }

    @Test
    void webPushNeedsAnHttpsUrlAndRealKeys() {
        assertEquals("endpoint must be an https URL", reason(PushTarget.webPush("http://fcm.googleapis.com/x", P256DH, AUTH)));
        assertEquals("endpoint must be an https URL", reason(PushTarget.webPush("ftp://fcm.googleapis.com/x", P256DH, AUTH)));
        assertEquals("endpoint must be an absolute URL with a host", reason(PushTarget.webPush("/relative", P256DH, AUTH)));
        assertEquals("endpoint must be an absolute URL with a host",
                reason(PushTarget.webPush("https://user:pw@fcm.googleapis.com/x", P256DH, AUTH)));
        assertEquals("endpoint is not a URL", reason(PushTarget.webPush("https://exa mple.com/", P256DH, AUTH)));
        assertEquals("endpoint must be a URL of at most 2048 characters",
                reason(PushTarget.webPush("https://fcm.googleapis.com/" + "a".repeat(2048), P256DH, AUTH)));
        assertEquals("endpoint must be a URL of at most 2048 characters", reason(PushTarget.webPush(null, P256DH, AUTH)));
        assertEquals("p256dh must be base64url", reason(PushTarget.webPush(FCM_ENDPOINT, "a+b/", AUTH)));
        assertEquals("p256dh must be an uncompressed P-256 public key",
                reason(PushTarget.webPush(FCM_ENDPOINT, P256DH.substring(0, 43), AUTH)));
        String offCurve = P256DH.substring(0, P256DH.length() - 2) + (P256DH.endsWith("4") ? "A" : "4");
        assertEquals("p256dh must be an uncompressed P-256 public key", reason(PushTarget.webPush(FCM_ENDPOINT, offCurve, AUTH)));
        assertEquals("auth must be 16 bytes", reason(PushTarget.webPush(FCM_ENDPOINT, P256DH, P256.b64(new byte[32]))));
        assertEquals("auth must be base64url", reason(PushTarget.webPush(FCM_ENDPOINT, P256DH, null)));
    }

    @Test
    void plainHttpOnlyToLoopbackAndThenOnlyWhenListedByName() {
        PushTarget local = PushTarget.webPush("http://127.0.0.1:8089/push/1", P256DH, AUTH);
        assertEquals(local, local.validated());
        assertEquals("endpoint must be an https URL", reason(PushTarget.webPush("http://127.evil.example/x", P256DH, AUTH)));

        IllegalArgumentException notListed = assertThrows(IllegalArgumentException.class,
                () -> local.validated(PushDeliverySettings.defaults()));
        assertEquals("endpoint host is not an allowed push service", notListed.getMessage());
        assertEquals(local, local.validated(PushDeliverySettings.from(Map.of("web-push-hosts", "127.0.0.1"))));
    }

    @Test
    void hostsOutsideTheRealmsListAreRefusedAtRegistration() {
        PushDeliverySettings defaults = PushDeliverySettings.defaults();

        assertThrows(IllegalArgumentException.class,
                () -> PushTarget.webPush("https://10.0.0.5/x", P256DH, AUTH).validated(defaults));
        assertThrows(IllegalArgumentException.class,
                () -> PushTarget.webPush("https://push.apple.com.evil.example/x", P256DH, AUTH).validated(defaults));
        assertEquals("https://web.push.apple.com/QGuQyavXut",
                PushTarget.webPush("https://web.push.apple.com/QGuQyavXut", P256DH, AUTH).validated(defaults).endpoint());
    }

    @Test
    void fcmTokensAreVisibleAsciiUpTo4096() {
        assertEquals(PushTarget.fcm("dXk:APA91b-_x"), PushTarget.fcm("dXk:APA91b-_x").validated());
        assertEquals(4096, PushTarget.fcm("t".repeat(4096)).validated().token().length());
        String expected = "token must be 1 to 4096 visible ASCII characters";
        assertEquals(expected, reason(PushTarget.fcm("t".repeat(4097))));
        assertEquals(expected, reason(PushTarget.fcm("")));
        assertEquals(expected, reason(PushTarget.fcm(null)));
        assertEquals(expected, reason(PushTarget.fcm("a b")));
        assertEquals(expected, reason(PushTarget.fcm("a\nb")));
        assertEquals(expected, reason(PushTarget.fcm("tök")));
    }

    @Test
    void unknownKindsAreRefusedAndOtherKindsFieldsDropped() {
        assertEquals("kind must be 'webpush' or 'fcm'", reason(new PushTarget("apns", null, null, null, "x")));
        assertEquals("kind must be 'webpush' or 'fcm'", reason(new PushTarget(null, null, null, null, null)));
        assertNull(new PushTarget("fcm", FCM_ENDPOINT, P256DH, AUTH, "tok").validated().endpoint());
        assertNull(new PushTarget("webpush", FCM_ENDPOINT, P256DH, AUTH, "tok").validated().token());
    }

    @Test
    void storedAsJsonWithKeycloaksMapper() throws Exception {
        PushTarget webPush = PushTarget.webPush(FCM_ENDPOINT, P256DH, AUTH);
        PushTarget fcm = PushTarget.fcm("tok");

        String json = JsonSerialization.writeValueAsString(fcm);

        assertEquals("{\"kind\":\"fcm\",\"token\":\"tok\"}", json);
        assertEquals(fcm, JsonSerialization.readValue(json, PushTarget.class));
        assertEquals(webPush, JsonSerialization.readValue(JsonSerialization.writeValueAsString(webPush), PushTarget.class));
    }
}
