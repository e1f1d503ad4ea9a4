package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpWebhookGatewayTest {

    private static final String TRICKY_TEXT = "He said \"hi\"\nline 2\t\\ ünïcødé ✓ 😀 & a=b";
    private static final OutgoingMessage SMS =
            new OutgoingMessage("ac\"me", Channel.SMS, "+46701234567", TRICKY_TEXT, "654321");

    private RecordingPeer peer;
    private final List<HttpClient> clients = new ArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = RecordingPeer.start().respond(200, "");
    }

    @AfterEach
    void stopPeer() {
        peer.close();
        clients.forEach(GatewayHttp::close);
    }

    private HttpWebhookGateway gateway(UnaryOperator<String> secrets, String... options) {
        List<String> all = new ArrayList<>(List.of("url", peer.uri("/hook").toString()));
        all.addAll(List.of(options));
        HttpWebhookSettings settings = HttpWebhookSettings.from(MapScope.of(all.toArray(String[]::new)));
        HttpClient client = GatewayHttp.newClient(settings.timeout());
        clients.add(client);
        return new HttpWebhookGateway(settings, client, secrets);
    }

    private HttpWebhookGateway gateway(String... options) {
        return gateway(UnaryOperator.identity(), options);
    }

    @Test
    void defaultTemplateIsValidJsonWithExactValues() throws Exception {
        GatewayReceipt receipt = gateway().send(SMS);

        assertEquals(new GatewayReceipt("http", null), receipt);
        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/hook", request.path());
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(5, body.size());
        assertEquals("+46701234567", body.get("to").asText());
        assertEquals(TRICKY_TEXT, body.get("text").asText());
        assertEquals("sms", body.get("channel").asText());
        assertEquals("ac\"me", body.get("realm").asText());
        assertEquals("", body.get("language").asText());
    }

    @Test
    void voiceCallSaysChannelVoiceWithItsLanguageAndCallerId() throws Exception {
        OutgoingMessage call = new OutgoingMessage("acme", Channel.VOICE, "+4681234567",
                "Din kod är 1, 2, 3. Igen: 1, 2, 3.", "123", "sv-SE", "+46855512345");

        gateway("body-template", "{\"to\":\"${to}\",\"say\":\"${text}\",\"channel\":\"${channel}\","
                + "\"language\":\"${language}\",\"from\":\"${from}\"}").send(call);

        JsonNode body = new ObjectMapper().readTree(peer.onlyRequest().body());
        assertEquals("+4681234567", body.get("to").asText());
        assertEquals("voice", body.get("channel").asText());
        assertEquals("sv-SE", body.get("language").asText());
        assertEquals("+46855512345", body.get("from").asText());
        assertEquals("Din kod är 1, 2, 3. Igen: 1, 2, 3.", body.get("say").asText());
    }

    @Test
    void defaultTemplateCarriesVoiceAndLanguage() throws Exception {
        gateway().send(new OutgoingMessage("acme", Channel.VOICE, "+4681234567", "Code 1, 2, 3.", "123", "de-DE", null));

        JsonNode body = new ObjectMapper().readTree(peer.onlyRequest().body());
        assertEquals("voice", body.get("channel").asText());
        assertEquals("de-DE", body.get("language").asText());
    }

    @Test
    void formTemplateIsUrlEncoded() throws Exception {
        gateway("method", "put", "content-type", "application/x-www-form-urlencoded",
                "body-template", "to=${to}&msg=${text}&code=${code}&via=${channel}").send(SMS);

        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals("PUT", request.method());
        assertEquals(Map.of("to", "+46701234567", "msg", TRICKY_TEXT, "code", "654321", "via", "sms"), request.form());
    }

    @Test
    void otherContentTypesGetRawValues() throws Exception {
        gateway("content-type", "text/plain", "body-template", "${code} for ${to} in ${realm}; ${unknown}").send(SMS);

        assertEquals("654321 for +46701234567 in ac\"me; ${unknown}", peer.onlyRequest().body());
    }

    @Test
    void xmlBodiesGetEscapedValues() throws Exception {
        gateway("content-type", "application/soap+xml", "body-template", "<sms realm=\"${realm}\"><to>${to}</to></sms>").send(SMS);

        assertEquals("<sms realm=\"ac&quot;me\"><to>+46701234567</to></sms>", peer.onlyRequest().body());
    }

    @Test
    void headerAuthCarriesResolvedSecret() throws Exception {
        UnaryOperator<String> vault = value -> "${vault.tok}".equals(value) ? "Bearer real-token\n" : value;

        gateway(vault, "auth-header-name", "Authorization", "auth-header-value", "${vault.tok}").send(SMS);

        assertEquals("Bearer real-token", peer.onlyRequest().header("Authorization"));
    }

    @Test
    void basicAuthIsEncoded() throws Exception {
        gateway("basic-username", "kc", "basic-password", "pa:ss").send(SMS);

        String expected = "Basic " + Base64.getEncoder().encodeToString("kc:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, peer.onlyRequest().header("Authorization"));
    }

    @Test
    void messageIdIsReadAtPointer() throws Exception {
        peer.respond(202, "{\"data\":{\"messageId\":\"m-77\",\"seq\":42}}");

        assertEquals("m-77", gateway("message-id-pointer", "/data/messageId").send(SMS).messageId());
        assertEquals("42", gateway("message-id-pointer", "/data/seq").send(SMS).messageId());
        assertNull(gateway("message-id-pointer", "/data/absent").send(SMS).messageId());
        assertNull(gateway().send(SMS).messageId());
    }

    @Test
    void serverErrorIsHttpStatusWithoutBody() {
        peer.respond(500, "{\"error\":\"boom\"}");

        GatewayException e = assertThrows(GatewayException.class, () -> gateway().send(SMS));

        assertEquals("http_500", e.reason());
        assertTrue(e.maybeDelivered(), "a server error may have happened after the message went out");
        assertFalse(e.getMessage().contains("654321") || e.getMessage().contains("He said"), e.getMessage());
    }

    @Test
    void slowPeerTimesOut() {
        peer.delay(Duration.ofSeconds(5));

        GatewayException e = assertThrows(GatewayException.class, () -> gateway("timeout-ms", "300").send(SMS));

        assertEquals("timeout", e.reason());
        assertTrue(e.maybeDelivered());
        assertEquals("/hook", peer.onlyRequest().path(), "the peer got the request before it went quiet");
    }

    @Test
    void aClientErrorIsARejection() {
        peer.respond(422, "{\"error\":\"bad number\"}");

        GatewayException e = assertThrows(GatewayException.class, () -> gateway().send(SMS));

        assertEquals("http_422", e.reason());
        assertFalse(e.maybeDelivered(), "the provider refused this message");
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        HttpWebhookSettings settings = HttpWebhookSettings.from(MapScope.of("url", RecordingPeer.closedPort() + "/hook"));
        HttpClient client = GatewayHttp.newClient(settings.timeout());
        clients.add(client);

        GatewayException e = assertThrows(GatewayException.class,
                () -> new HttpWebhookGateway(settings, client, UnaryOperator.identity()).send(SMS));

        assertEquals("refused", e.reason());
        assertFalse(e.maybeDelivered());
    }

    @Test
    void anAcceptedMessageWithATricklingAnswerCountsAsSentWithinTheTimeout() throws Exception {
        // 35 bytes at 1 per second: the whole body would take 35 s, far past the 500 ms timeout
        peer.respond(200, "{\"id\":\"slow-answer-that-never-ends\"}").trickle(Duration.ofSeconds(1));

        GatewayReceipt receipt = gateway("timeout-ms", "500", "message-id-pointer", "/id").send(SMS);

        assertEquals(null, receipt.messageId(), "accepted; the id never fully arrived, so the timeout ended the wait");
        assertEquals("/hook", peer.onlyRequest().path());
    }

    @Test
    void aRejectionWithATricklingAnswerIsTheRejection() {
        peer.respond(503, "{\"error\":\"busy, and telling you very slowly\"}").trickle(Duration.ofMillis(100));

        GatewayException e = assertThrows(GatewayException.class, () -> gateway("timeout-ms", "500").send(SMS));

        assertEquals("http_503", e.reason());
        assertTrue(e.maybeDelivered());
    }

    @Test
    void aHugeAnswerIsCutNotBuffered() throws Exception {
        peer.respond(200, "{\"id\":\"big\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}");

        GatewayReceipt receipt = gateway("message-id-pointer", "/id").send(SMS);

        assertEquals(null, receipt.messageId(), "a cut body is no JSON, so no id; the send still counts as accepted");
    }

    @Test
    void answersAreKeptUpTo64KB() throws Exception {
        peer.respond(200, "x".repeat(1_000_000));
        HttpClient client = GatewayHttp.newClient(Duration.ofSeconds(5));
        clients.add(client);

        GatewayHttp.Answer answer = GatewayHttp.send(client,
                HttpRequest.newBuilder(peer.uri("/big")).timeout(Duration.ofSeconds(5)).build(), "http");

        assertEquals(200, answer.status());
        assertEquals(64 * 1024, answer.body().length());
    }

    @Test
    void withoutUrlItIsNotConfigured() {
        HttpWebhookSettings settings = HttpWebhookSettings.from(MapScope.of());
        HttpWebhookGateway gateway = new HttpWebhookGateway(settings, null, UnaryOperator.identity());

        assertFalse(settings.configured());
        GatewayException e = assertThrows(GatewayException.class, () -> gateway.send(SMS));
        assertEquals("not_configured", e.reason());
        assertFalse(e.maybeDelivered());
    }

    @Test
    void defaultsApply() {
        HttpWebhookSettings settings = HttpWebhookSettings.from(MapScope.of("url", "https://sms.example/send"));

        assertEquals("POST", settings.method());
        assertEquals("application/json", settings.contentType());
        assertEquals(HttpWebhookSettings.DEFAULT_BODY_TEMPLATE, settings.bodyTemplate());
        assertEquals(Duration.ofMillis(5000), settings.timeout());
    }

    @Test
    void badOptionsFailAtStartNamingTheOption() {
        assertOptionRejected("method", "url", "https://x.example", "method", "DELETE");
        assertOptionRejected("message-id-pointer", "url", "https://x.example", "message-id-pointer", "data/id");
        assertOptionRejected("auth-header-name", "url", "https://x.example", "auth-header-name", "Host");
        assertOptionRejected("url", "url", "ftp://x.example/");
        assertOptionRejected("url", "url", "http://sms.example/send"); // credentials in clear text
        HttpWebhookSettings.from(MapScope.of("url", "http://127.0.0.1:8089/send")); // a local relay is fine
        assertOptionRejected("timeout-ms", "url", "https://x.example", "timeout-ms", "soon");
    }

    @Test
    void displayUrlHidesUserInfoAndQuery() {
        HttpWebhookSettings settings = HttpWebhookSettings.from(
                MapScope.of("url", "https://user:pw@sms.example:8443/send?key=secret"));

        assertEquals("https://sms.example:8443/send", settings.displayUrl());
        assertFalse(settings.toString().contains("secret"));
    }

    private static void assertOptionRejected(String option, String... options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpWebhookSettings.from(MapScope.of(options)));
        assertTrue(e.getMessage().contains("--spi-mfa-message-gateway--http--" + option), e.getMessage());
    }
}
