package org.mfasuite.keycloak.push.delivery;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FcmSenderTest {

    private static final long NOW = 1_700_000_000L;
    private static final PushMessage MESSAGE = new PushMessage("demo", "ch-42", NOW + 60);
    private static final String TOKEN_PATH = "/token";
    private static final String SEND_PATH = "/v1/projects/" + FcmKeys.PROJECT + "/messages:send";
    private static final String DEVICE_TOKEN = "dXk7:APA91bH-device_token";
    private static final String TOKEN_ANSWER = "{\"access_token\":\"ya29.test-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";

    private PushPeer peer;
    private final HttpClient client = PushHttp.newClient();
    private FcmAccessTokens tokens;
    private long now = NOW;

    @BeforeEach
    void start() throws Exception {
        peer = new PushPeer().on(TOKEN_PATH, 200, TOKEN_ANSWER);
        tokens = new FcmAccessTokens();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private FcmSender sender() {
        FcmServiceAccount account = FcmServiceAccount.parse(
                FcmKeys.serviceAccountJson(FcmKeys.KEYS.getPrivate(), peer.uri(TOKEN_PATH).toString()));
        PushDeliverySettings settings = PushDeliverySettings.from(Map.of("fcm-endpoint", peer.uri("").toString(),
                "push-timeout-ms", "1000"));
        return new FcmSender(account, settings, client, tokens, () -> now);
    }

    @Test
    void exchangesASignedAssertionForATokenThenSendsADataMessage() throws Exception {
        peer.on(SEND_PATH, 200, "{\"name\":\"projects/mfa-suite-test/messages/0:1700000000%abc\"}");

        assertEquals(DeliveryOutcome.DELIVERED, sender().send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE));

        assertEquals(List.of(TOKEN_PATH, SEND_PATH), peer.requests().stream().map(PushPeer.Request::path).toList());
        PushPeer.Request exchange = peer.requests().get(0);
        assertEquals("POST", exchange.method());
        assertTrue(exchange.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        Map<String, String> form = exchange.form();
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        Jwts assertion = Jwts.verified(form.get("assertion"), FcmKeys.KEYS.getPublic(), "SHA256withRSA");
        assertEquals("RS256", assertion.header().get("alg").asText());
        assertEquals(FcmKeys.KEY_ID, assertion.header().get("kid").asText());
        assertEquals(FcmKeys.CLIENT_EMAIL, assertion.claims().get("iss").asText());
        assertEquals("https://www.googleapis.com/auth/firebase.messaging", assertion.claims().get("scope").asText());
        assertEquals(peer.uri(TOKEN_PATH).toString(), assertion.claims().get("aud").asText());
        assertEquals(NOW, assertion.claims().get("iat").asLong());
        assertEquals(NOW + 3600, assertion.claims().get("exp").asLong());

        PushPeer.Request send = peer.requests().get(1);
        assertEquals("POST", send.method());
        assertEquals("Bearer ya29.test-token", send.header("Authorization"));
        assertEquals("application/json; charset=UTF-8", send.header("Content-Type"));
        JsonNode message = Json.read(send.text()).get("message");
        assertEquals(DEVICE_TOKEN, message.get("token").asText());
        assertEquals(Json.read("{\"type\":\"mfa-push-challenge\",\"realm\":\"demo\",\"challenge\":\"ch-42\",\"exp\":\"1700000060\"}"),
                message.get("data"));
        assertEquals(Json.read("{\"priority\":\"high\",\"ttl\":\"60s\"}"), message.get("android"));
        assertEquals(Json.read("{\"headers\":{\"apns-priority\":\"10\",\"apns-expiration\":\"1700000060\"}}"), message.get("apns"));
        assertEquals(4, message.size(), "no notification block: nothing shown before the app fetched the details");
    }

    @Test
    void theAccessTokenIsReusedUntilShortlyBeforeItExpires() {
        peer.on(SEND_PATH, 200, "{}");
        FcmSender sender = sender();

        sender.send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE);
        now = NOW + 3000;
        sender.send(PushTarget.fcm(DEVICE_TOKEN), new PushMessage("demo", "c2", now + 60));
        assertEquals(1, peer.requests(TOKEN_PATH).size());

        now = NOW + 3599 - 30; // within the renewal margin
        sender.send(PushTarget.fcm(DEVICE_TOKEN), new PushMessage("demo", "c3", now + 60));
        assertEquals(2, peer.requests(TOKEN_PATH).size());
        assertEquals(3, peer.requests(SEND_PATH).size());
    }

    @Test
    void aRefusedAccessTokenIsFetchedAgainOnce() {
        peer.on(SEND_PATH, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}").on(SEND_PATH, 200, "{}");

        assertEquals(DeliveryOutcome.DELIVERED, sender().send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE));
        assertEquals(2, peer.requests(TOKEN_PATH).size());
        assertEquals(2, peer.requests(SEND_PATH).size());
    }

    @Test
    void unregisteredOrInvalidTokensAreGone() {
        String unregistered = "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}";
        String invalid = "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid FCM registration token\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"INVALID_ARGUMENT\"}]}}";
        String violation = "{\"error\":{\"code\":400,\"message\":\"Request contains an invalid argument.\",\"status\":\"INVALID_ARGUMENT\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"message.token\"}]}]}}";
        String unregistered400 = "{\"error\":{\"code\":400,\"status\":\"UNREGISTERED\"}}";

        for (String body : List.of(unregistered, invalid, violation, unregistered400)) {
            assertEquals(DeliveryOutcome.GONE, FcmSender.outcome(new PushHttp.Answer(body.contains("404") ? 404 : 400, body)), body);
        }
        peer.on(SEND_PATH, 404, unregistered);
        assertEquals(DeliveryOutcome.GONE, sender().send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE));
        assertEquals(DeliveryOutcome.GONE, FcmSender.outcome(new PushHttp.Answer(404, "")));
    }

    @Test
    void otherErrorsSayNothingAboutTheToken() {
        String otherArgument = "{\"error\":{\"code\":400,\"message\":\"Invalid value at 'message.android.ttl'\",\"status\":\"INVALID_ARGUMENT\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"message.android.ttl\"}]}]}}";
        String quota = "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"errorCode\":\"QUOTA_EXCEEDED\"}]}}";
        String senderMismatch = "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\",\"details\":[{\"errorCode\":\"SENDER_ID_MISMATCH\"}]}}";

        assertEquals(DeliveryOutcome.FAILED, FcmSender.outcome(new PushHttp.Answer(400, otherArgument)));
        assertEquals(DeliveryOutcome.FAILED, FcmSender.outcome(new PushHttp.Answer(429, quota)));
        assertEquals(DeliveryOutcome.FAILED, FcmSender.outcome(new PushHttp.Answer(403, senderMismatch)));
        assertEquals(DeliveryOutcome.FAILED, FcmSender.outcome(new PushHttp.Answer(503, "<html>")));
        assertEquals(DeliveryOutcome.FAILED, FcmSender.outcome(new PushHttp.Answer(500, "")));

        peer.on(SEND_PATH, 503, "");
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE));
    }

    @Test
    void aFailedTokenExchangeFailsTheSendWithoutCallingFcm() {
        peer.on(SEND_PATH, 200, "{}");
        for (String answer : List.of("{\"error\":\"invalid_grant\"}", "not json", "{\"token_type\":\"Bearer\"}")) {
            PushPeer fresh = null;
            try {
                fresh = new PushPeer().on(TOKEN_PATH, answer.contains("invalid_grant") ? 400 : 200, answer)
                        .on(SEND_PATH, 200, "{}");
                FcmServiceAccount account = FcmServiceAccount.parse(
                        FcmKeys.serviceAccountJson(FcmKeys.KEYS.getPrivate(), fresh.uri(TOKEN_PATH).toString()));
                FcmSender sender = new FcmSender(account, PushDeliverySettings.from(Map.of("fcm-endpoint", fresh.uri("").toString())),
                        client, new FcmAccessTokens(), () -> NOW);

                assertEquals(DeliveryOutcome.FAILED, sender.send(PushTarget.fcm(DEVICE_TOKEN), MESSAGE), answer);
                assertEquals(0, fresh.requests(SEND_PATH).size(), answer);
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                if (fresh != null) {
                    fresh.close();
                }
            }
        }
    }

    @Test
    void badTargetsAndExpiredMessagesFailWithoutACall() {
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.fcm("bad token"), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.webPush("https://x", "a", "b"), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, sender().send(PushTarget.fcm(DEVICE_TOKEN), new PushMessage("demo", "c", NOW - 1)));
        assertEquals(0, peer.requests().size());
    }

    @Test
    void serviceAccountFieldsAreChecked() {
        String good = FcmKeys.serviceAccountJson(FcmKeys.KEYS.getPrivate(), "https://oauth2.googleapis.com/token");
        FcmServiceAccount account = FcmServiceAccount.parse(good);
        assertEquals(FcmKeys.PROJECT, account.projectId());
        assertEquals(FcmKeys.CLIENT_EMAIL, account.clientEmail());
        assertTrue(!account.toString().contains("BEGIN"), "never prints the key");

        Map<String, String> broken = Map.of(
                "not json", "not JSON",
                "[]", "not a service-account JSON object",
                good.replace(FcmKeys.PROJECT, "a/b"), "project_id is missing or malformed",
                good.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----"), "private_key is missing or not a PKCS#8 PEM key",
                good.replace("\"private_key\":\"-----BEGIN PRIVATE KEY-----\\n", "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nAAAA"),
                "private_key is not a readable RSA key",
                good.replace("https://oauth2.googleapis.com/token", "ftp://x/token"), "token_uri is not an http(s) URL");
        broken.forEach((json, reason) -> assertEquals(reason,
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FcmServiceAccount.parse(json)).getMessage()));
    }
}
