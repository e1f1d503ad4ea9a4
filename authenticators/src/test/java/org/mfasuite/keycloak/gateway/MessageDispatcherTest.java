package org.mfasuite.keycloak.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures give a send back: real gateways against a real local peer, tried in order. */
class MessageDispatcherTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final OutgoingMessage SMS =
            new OutgoingMessage("acme", Channel.SMS, "+46701234567", "Your code is 123456", "123456");

    private RecordingPeer peer;
    private final List<HttpClient> clients = new ArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = RecordingPeer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.close();
        clients.forEach(GatewayHttp::close);
    }

    private MessageGateway webhook(URI url) {
        HttpWebhookSettings settings = HttpWebhookSettings.from(MapScope.of("url", url.toString(), "timeout-ms", "300"));
        return new HttpWebhookGateway(settings, client(settings.timeout()), UnaryOperator.identity());
    }

    private MessageGateway twilio() {
        TwilioSettings settings = TwilioSettings.from(MapScope.of("account-sid", ACCOUNT, "auth-token", "tok",
                "from", "+15005550006", "base-url", peer.uri().toString(), "timeout-ms", "300"));
        return new TwilioGateway(settings, client(settings.timeout()), UnaryOperator.identity());
    }

    private HttpClient client(Duration timeout) {
        HttpClient client = GatewayHttp.newClient(timeout);
        clients.add(client);
        return client;
    }

    private static MessageDispatcher.Dispatch dispatch(Map<String, MessageGateway> installed, String... ids) {
        return new MessageDispatcher(installed::get, List.of()).dispatch(List.of(ids), SMS);
    }

    private static void assertFailed(MessageDispatcher.Dispatch dispatch, String gateway, String reason) {
        assertFalse(dispatch.sent());
        assertEquals(gateway, dispatch.failedGateway());
        assertEquals(reason, dispatch.failureReason());
    }

    @Test
    void aRefusedConnectionCertainlyDidNotSend() throws Exception {
        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("http", webhook(RecordingPeer.closedPort())), "http");

        assertFailed(dispatch, "http", "refused");
        assertTrue(dispatch.certainlyNotSent());
    }

    @Test
    void aClientErrorCertainlyDidNotSend() {
        peer.respond(400, "{\"error\":\"bad request\"}");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("http", webhook(peer.uri("/sms"))), "http");

        assertFailed(dispatch, "http", "http_400");
        assertTrue(dispatch.certainlyNotSent());
        assertEquals(1, peer.requests().size());
    }

    @Test
    void aServerErrorMayHaveSent() {
        peer.respond(502, "");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("http", webhook(peer.uri("/sms"))), "http");

        assertFailed(dispatch, "http", "http_502");
        assertFalse(dispatch.certainlyNotSent());
    }

    @Test
    void aTimeoutMayHaveSent() {
        peer.delay(Duration.ofSeconds(5));

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("http", webhook(peer.uri("/sms"))), "http");

        assertFailed(dispatch, "http", "timeout");
        assertFalse(dispatch.certainlyNotSent());
        assertEquals(1, peer.requests().size(), "the peer had the message when the wait ended");
    }

    @Test
    void aTwilioRejectionCertainlyDidNotSend() {
        peer.respond(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("twilio", twilio()), "twilio");

        assertFailed(dispatch, "twilio", "twilio_21211");
        assertTrue(dispatch.certainlyNotSent());
    }

    @Test
    void aTwilioServerErrorMayHaveSent() {
        peer.respond(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("twilio", twilio()), "twilio");

        assertFailed(dispatch, "twilio", "twilio_20500");
        assertFalse(dispatch.certainlyNotSent());
    }

    @Test
    void aPrimaryTimeoutIsNotUndoneByARefusedFallback() throws Exception {
        peer.delay(Duration.ofSeconds(5));

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("slow", webhook(peer.uri("/sms")),
                "down", webhook(RecordingPeer.closedPort())), "slow", "down");

        assertFailed(dispatch, "down", "refused");
        assertFalse(dispatch.certainlyNotSent(), "the first gateway may still deliver");
    }

    @Test
    void refusalsAndRejectionsTogetherCertainlyDidNotSend() throws Exception {
        peer.respond(401, "");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("down", webhook(RecordingPeer.closedPort()),
                "rejecting", webhook(peer.uri("/sms"))), "down", "rejecting", "absent");

        assertFailed(dispatch, "absent", "unknown_gateway");
        assertTrue(dispatch.certainlyNotSent());
    }

    @Test
    void anUnknownGatewayCertainlyDidNotSend() {
        MessageDispatcher.Dispatch dispatch = dispatch(Map.of(), "no-such-gateway");

        assertFailed(dispatch, "no-such-gateway", "unknown_gateway");
        assertTrue(dispatch.certainlyNotSent());
    }

    @Test
    void aBuggyGatewayMayHaveSent() {
        MessageGateway buggy = message -> {
            throw new IllegalStateException("bug after the provider call");
        };

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("custom", buggy), "custom");

        assertFailed(dispatch, "custom", "error");
        assertFalse(dispatch.certainlyNotSent());
    }

    @Test
    void theFallbackDeliversAfterARefusal() throws Exception {
        peer.respond(200, "");

        MessageDispatcher.Dispatch dispatch = dispatch(Map.of("down", webhook(RecordingPeer.closedPort()),
                "up", webhook(peer.uri("/sms"))), "down", "up");

        assertTrue(dispatch.sent());
        assertEquals(new GatewayReceipt("http", null), dispatch.receipt());
        assertNull(dispatch.failedGateway());
        assertFalse(dispatch.certainlyNotSent());
    }

    @Test
    void noIdsMeansTheDefaultGateway() {
        peer.respond(200, "");
        MessageDispatcher withDefault = new MessageDispatcher(Map.of("http", webhook(peer.uri("/sms")))::get, List.of("http"));
        MessageDispatcher withNone = new MessageDispatcher(id -> null, List.of());

        assertTrue(withDefault.dispatch(List.of(), SMS).sent());
        MessageDispatcher.Dispatch nothing = withNone.dispatch(List.of(), SMS);
        assertFailed(nothing, null, "no_gateway");
        assertTrue(nothing.certainlyNotSent());
    }
}
