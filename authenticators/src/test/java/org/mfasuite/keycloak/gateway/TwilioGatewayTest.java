package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwilioGatewayTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String TEXT = "Your code is 123456 & it's \"fresh\" ✓";
    private static final OutgoingMessage SMS = new OutgoingMessage("acme", Channel.SMS, "+46701234567", TEXT, "123456");

    private RecordingPeer peer;
    private final List<HttpClient> clients = new ArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = RecordingPeer.start().respond(201, "{\"sid\":\"SM0123\",\"status\":\"queued\"}");
    }

    @AfterEach
    void stopPeer() {
        peer.close();
        clients.forEach(GatewayHttp::close);
    }

    private TwilioGateway gateway(UnaryOperator<String> secrets, String... options) {
        List<String> all = new ArrayList<>(List.of("account-sid", ACCOUNT, "base-url", peer.uri().toString()));
        all.addAll(List.of(options));
        TwilioSettings settings = TwilioSettings.from(MapScope.of(all.toArray(String[]::new)));
        return new TwilioGateway(settings, client(settings.timeout()), secrets);
    }

    private HttpClient client(Duration timeout) {
        HttpClient client = GatewayHttp.newClient(timeout);
        clients.add(client);
        return client;
    }

    private TwilioGateway gateway(String... options) {
        return gateway(UnaryOperator.identity(), options);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void smsIsPostedToMessagesResourceWithBasicAuthAndForm() throws Exception {
        GatewayReceipt receipt = gateway("auth-token", "tok", "from", "+15005550006").send(SMS);

        assertEquals(new GatewayReceipt("twilio", "SM0123"), receipt);
        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals(MESSAGES_PATH, request.path());
        assertEquals(basic(ACCOUNT, "tok"), request.header("Authorization"));
        assertEquals("Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjp0b2s=", request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(Map.of("To", "+46701234567", "Body", TEXT, "From", "+15005550006"), request.form());
    }

    @Test
    void messagingServiceIsPreferredOverFrom() throws Exception {
        gateway("auth-token", "tok", "from", "+15005550006", "messaging-service-sid", "MG99").send(SMS);

        assertEquals(Map.of("To", "+46701234567", "Body", TEXT, "MessagingServiceSid", "MG99"), peer.onlyRequest().form());
    }

    @Test
    void apiKeyAuthenticatesWithKeyButKeepsAccountInPath() throws Exception {
        gateway("auth-token", "unused", "api-key-sid", "SK42", "api-key-secret", "key-secret", "from", "+15005550006")
                .send(SMS);

        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals(basic("SK42", "key-secret"), request.header("Authorization"));
        assertEquals(MESSAGES_PATH, request.path());
    }

    @Test
    void vaultReferenceIsResolvedBeforeItGoesOnTheWire() throws Exception {
        UnaryOperator<String> vault = value -> "${vault.tok}".equals(value) ? "real-token" : value;

        gateway(vault, "auth-token", "${vault.tok}", "from", "+15005550006").send(SMS);

        assertEquals(basic(ACCOUNT, "real-token"), peer.onlyRequest().header("Authorization"));
    }

    @Test
    void unresolvedVaultReferenceIsNotSentAsPassword() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "${vault.missing}", "from", "+15005550006").send(SMS));

        assertEquals("not_configured", e.reason());
        assertFalse(e.maybeDelivered());
        assertTrue(peer.requests().isEmpty());
    }

    @Test
    void missingAccountOrCredentialsIsNotConfigured() {
        TwilioGateway noAccount = new TwilioGateway(TwilioSettings.from(MapScope.of()), null, UnaryOperator.identity());
        assertEquals("not_configured", assertThrows(GatewayException.class, () -> noAccount.send(SMS)).reason());
        assertEquals("not_configured",
                assertThrows(GatewayException.class, () -> gateway("from", "+15005550006").send(SMS)).reason());
        assertEquals("not_configured",
                assertThrows(GatewayException.class, () -> gateway("auth-token", "tok").send(SMS)).reason());
        assertTrue(peer.requests().isEmpty());
    }

    @Test
    void twilioErrorCodeBecomesReason() {
        peer.respond(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");

        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS));

        assertEquals("twilio_21211", e.reason());
        assertFalse(e.maybeDelivered(), "Twilio refused this message: nothing went out");
        assertTrue(e.getMessage().contains("The 'To' number is not a valid phone number."), e.getMessage());
        assertFalse(e.getMessage().contains("123456"), "the code must not leak into the message");
    }

    @Test
    void aTwilioServerErrorMayHaveSent() {
        peer.respond(503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");

        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS));

        assertEquals("twilio_20503", e.reason());
        assertTrue(e.maybeDelivered());
    }

    @Test
    void onlyShortDigitCodesBecomeReasons() {
        for (String code : List.of("\"21211x\"", "1234567", "\"" + "9".repeat(500) + "\"", "-1", "2.5", "\"\"",
                "\"12 34\"", "{\"a\":1}", "true")) {
            peer.respond(400, "{\"code\":" + code + ",\"status\":400}");

            GatewayException e = assertThrows(GatewayException.class,
                    () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS));

            assertEquals("http_400", e.reason(), code);
            assertFalse(e.maybeDelivered(), code);
        }
        peer.respond(429, "{\"code\":\"20429\",\"status\":429}");
        assertEquals("twilio_20429", assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS)).reason());
        peer.respond(400, "{\"code\":123456,\"status\":400}");
        assertEquals("twilio_123456", assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS)).reason());
    }

    @Test
    void phoneNumbersInTwilioErrorsAreMaskedForTheLog() {
        peer.respond(400, "{\"code\":21211,\"message\":\"The 'To' number +46701234567 is not a valid phone number.\",\"status\":400}");

        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS));

        assertFalse(e.getMessage().contains("+46701234567"), e.getMessage());
        assertTrue(e.getMessage().contains("+46 70•••••67"), e.getMessage());
    }

    @Test
    void errorWithoutTwilioBodyIsHttpStatus() {
        peer.respond(503, "<html>Service Unavailable</html>");

        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "from", "+15005550006").send(SMS));

        assertEquals("http_503", e.reason());
    }

    @Test
    void slowPeerTimesOut() {
        peer.delay(Duration.ofSeconds(5));
        TwilioGateway gateway = gateway("auth-token", "tok", "from", "+15005550006", "timeout-ms", "300");

        GatewayException e = assertThrows(GatewayException.class, () -> gateway.send(SMS));

        assertEquals("timeout", e.reason());
        assertTrue(e.maybeDelivered(), "Twilio got the request and may still send it");
        assertEquals(MESSAGES_PATH, peer.onlyRequest().path());
    }

    @Test
    void closedPortIsRefused() throws Exception {
        TwilioSettings settings = TwilioSettings.from(MapScope.of("account-sid", ACCOUNT, "auth-token", "tok",
                "from", "+15005550006", "base-url", RecordingPeer.closedPort().toString()));
        TwilioGateway gateway = new TwilioGateway(settings, client(settings.timeout()), UnaryOperator.identity());

        GatewayException e = assertThrows(GatewayException.class, () -> gateway.send(SMS));

        assertEquals("refused", e.reason());
        assertFalse(e.maybeDelivered());
    }

    @Test
    void voicePlacesCallWithEscapedTwiml() throws Exception {
        peer.respond(201, "{\"sid\":\"CA0456\"}");
        OutgoingMessage call = new OutgoingMessage("acme", Channel.VOICE, "+46701234567",
                "Code <1 2 3> & \"go\"", "123");

        GatewayReceipt receipt = gateway("auth-token", "tok", "from", "+15005550006",
                "messaging-service-sid", "MG99").send(call);

        assertEquals(new GatewayReceipt("twilio", "CA0456"), receipt);
        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json", request.path());
        assertEquals(Map.of("To", "+46701234567", "From", "+15005550006",
                "Twiml", "<Response><Say>Code &lt;1 2 3&gt; &amp; &quot;go&quot;</Say></Response>"), request.form());
    }

    @Test
    void voiceCallSpeaksInTheMessageLanguageFromTheStepCallerId() throws Exception {
        peer.respond(201, "{\"sid\":\"CA0789\",\"status\":\"queued\"}");
        OutgoingMessage call = new OutgoingMessage("acme", Channel.VOICE, "+4681234567",
                "Din Acme-kod är 1, 2, 3. Igen: 1, 2, 3.", "123", "sv-SE", "+46855512345");

        GatewayReceipt receipt = gateway("auth-token", "tok", "from", "+15005550006").send(call);

        assertEquals(new GatewayReceipt("twilio", "CA0789"), receipt);
        RecordingPeer.Request request = peer.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json", request.path());
        assertEquals(Map.of("To", "+4681234567", "From", "+46855512345",
                "Twiml", "<Response><Say language=\"sv-SE\">Din Acme-kod är 1, 2, 3. Igen: 1, 2, 3.</Say></Response>"),
                request.form());
    }

    @Test
    void voiceNeedsFromNumber() {
        OutgoingMessage call = new OutgoingMessage("acme", Channel.VOICE, "+46701234567", "Code 1 2 3", "123");

        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway("auth-token", "tok", "messaging-service-sid", "MG99").send(call));

        assertEquals("not_configured", e.reason());
        assertTrue(peer.requests().isEmpty());
    }
}
