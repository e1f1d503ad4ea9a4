package org.mfasuite.keycloak.push.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebPushSenderTest {

    private static final long NOW = 1_700_000_000L;
    private static final PushMessage MESSAGE = new PushMessage("demo", "ch-42", NOW + 60);
    private static final String PATH = "/wpush/v2/gAAAAABk";
    private static final Pattern VAPID = Pattern.compile("vapid t=([^,]+), k=(.+)");

    private PushPeer peer;
    private final HttpClient client = PushHttp.newClient();
    private final VapidKeys vapid = VapidKeys.generate();
    private final UserAgent browser = UserAgent.fresh();

    @BeforeEach
    void start() throws Exception {
        peer = new PushPeer();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private WebPushSender sender(String... config) {
        Map<String, String> map = new java.util.HashMap<>(Map.of("web-push-hosts", "127.0.0.1",
                "vapid-subject", "mailto:ops@example.com", "push-timeout-ms", "1000"));
        for (int i = 0; i < config.length; i += 2) {
            map.put(config[i], config[i + 1]);
        }
        return new WebPushSender(PushDeliverySettings.from(map), () -> vapid, client, new WebPushEncryption(), () -> NOW);
    }

    private PushTarget subscription() {
        return browser.subscription(peer.uri(PATH).toString());
    }

    @Test
    void postsTheEncryptedMessageWithVapidAndTheRfcHeaders() throws Exception {
        peer.on(PATH, 201, "");

        assertEquals(DeliveryOutcome.DELIVERED, sender().send(subscription(), MESSAGE));

        PushPeer.Request request = peer.requests().get(0);
        assertEquals(1, peer.requests().size());
        assertEquals("POST", request.method());
        assertEquals(PATH, request.path());
        assertEquals("aes128gcm", request.header("Content-Encoding"));
        assertEquals("application/octet-stream", request.header("Content-Type"));
        assertEquals("60", request.header("TTL"));
        assertEquals("high", request.header("Urgency"));

        Matcher vapidHeader = VAPID.matcher(request.header("Authorization"));
        assertTrue(vapidHeader.matches(), request.header("Authorization"));
        assertEquals(vapid.publicKeyBase64Url(), vapidHeader.group(2));
        Jwts jwt = Jwts.verified(vapidHeader.group(1), vapid.publicKey(), "SHA256withECDSAinP1363Format");
        assertEquals(peer.uri("").toString(), jwt.claims().get("aud").asText());
        assertEquals("mailto:ops@example.com", jwt.claims().get("sub").asText());
        assertTrue(jwt.claims().get("exp").asLong() <= NOW + 12 * 3600);
        assertTrue(jwt.claims().get("exp").asLong() > NOW);

        // the test plays the browser: only its subscription keys open the body
        assertArrayEquals(MESSAGE.toJson(), browser.decrypt(request.body()));
    }

    @Test
    void accepted202IsDeliveredToo() {
        peer.on(PATH, 202, "");

        assertEquals(DeliveryOutcome.DELIVERED, sender().send(subscription(), MESSAGE));
    }

    @Test
    void notFoundAndGoneMeanTheSubscriptionIsDead() {
        peer.on(PATH, 404, "").on("/gone", 410, "");

        assertEquals(DeliveryOutcome.GONE, sender().send(subscription(), MESSAGE));
        assertEquals(DeliveryOutcome.GONE, sender().send(browser.subscription(peer.uri("/gone").toString()), MESSAGE));
    }

    @Test
    void otherAnswersFail() {
        for (int status : new int[] {200, 400, 401, 403, 413, 429, 500, 503}) {
            peer.on("/s" + status, status, "{\"reason\":\"x\"}");
            assertEquals(DeliveryOutcome.FAILED, sender().send(browser.subscription(peer.uri("/s" + status).toString()), MESSAGE),
                    "HTTP " + status);
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        peer.on(PATH, 307, "", Map.of("Location", peer.uri("/elsewhere").toString()), Duration.ZERO);

        assertEquals(DeliveryOutcome.FAILED, sender().send(subscription(), MESSAGE));
        assertEquals(0, peer.requests("/elsewhere").size());
    }

    @Test
    void aSlowPushServiceTimesOut() {
        peer.on(PATH, 201, "", Map.of(), Duration.ofSeconds(5));
        long start = System.nanoTime();

        assertEquals(DeliveryOutcome.FAILED, sender("push-timeout-ms", "500").send(subscription(), MESSAGE));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000, "bounded by the timeout");
    }

    @Test
    void aClosedPortFails() throws Exception {
        String endpoint = peer.uri(PATH).toString();
        peer.close();

        assertEquals(DeliveryOutcome.FAILED, sender().send(browser.subscription(endpoint), MESSAGE));
    }

    @Test
    void hostsNotListedAreNeverCalled() {
        peer.on(PATH, 201, "");

        // the defaults list only the public push services: loopback is refused (SSRF guard)
        WebPushSender defaults = new WebPushSender(PushDeliverySettings.defaults(), () -> vapid, client,
                new WebPushEncryption(), () -> NOW);
        assertEquals(DeliveryOutcome.FAILED, defaults.send(subscription(), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender("web-push-hosts", "fcm.googleapis.com").send(subscription(), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender("web-push-hosts", "*.0.0.1").send(subscription(), MESSAGE),
                "plain http needs the host listed by name");
        assertEquals(0, peer.requests().size());
    }

    @Test
    void expiredMessagesBrokenSubscriptionsAndMissingKeysFailWithoutThrowing() {
        peer.on(PATH, 201, "");

        assertEquals(DeliveryOutcome.FAILED, sender().send(subscription(), new PushMessage("demo", "c", NOW)));
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.webPush(peer.uri(PATH).toString(), "AAAA", "AAAA"), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.fcm("tok"), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender().send(null, MESSAGE));
        WebPushSender noKeys = new WebPushSender(PushDeliverySettings.from(Map.of("web-push-hosts", "127.0.0.1")), () -> {
            throw new IllegalStateException("key being created elsewhere");
        }, client, new WebPushEncryption(), () -> NOW);
        assertEquals(DeliveryOutcome.FAILED, noKeys.send(subscription(), MESSAGE));
        assertEquals(0, peer.requests().size());
    }
}
