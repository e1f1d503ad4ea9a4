package org.mfasuite.keycloak.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevOutboxGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OutgoingMessage SMS =
            new OutgoingMessage("acme", Channel.SMS, "+46701234567", "Your code is 123456\n\"ok\"", "123456");

    @TempDir
    Path dir;

    @Test
    void writesOneJsonLineWithAllSixFieldsCreatingParentDirs() throws Exception {
        Path outbox = dir.resolve("not/yet/there/outbox.jsonl");
        Instant before = Instant.now();

        GatewayReceipt receipt = new DevOutboxGateway(new DevOutboxSettings(outbox, false), true).send(SMS);

        assertEquals("dev", receipt.gatewayId());
        UUID.fromString(receipt.messageId());
        List<String> lines = Files.readAllLines(outbox);
        assertEquals(1, lines.size());
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals(List.of("time", "realm", "channel", "to", "text", "code"), fieldNames(line));
        Instant time = Instant.parse(line.get("time").asText());
        assertFalse(time.isBefore(before) || time.isAfter(Instant.now()), time.toString());
        assertEquals("acme", line.get("realm").asText());
        assertEquals("sms", line.get("channel").asText());
        assertEquals("+46701234567", line.get("to").asText());
        assertEquals("Your code is 123456\n\"ok\"", line.get("text").asText());
        assertEquals("123456", line.get("code").asText());
    }

    @Test
    void appendsOneLinePerSend() throws Exception {
        Path outbox = dir.resolve("outbox.jsonl");
        DevOutboxGateway gateway = new DevOutboxGateway(new DevOutboxSettings(outbox, false), true);

        gateway.send(SMS);
        gateway.send(new OutgoingMessage("acme", Channel.VOICE, "+46701234567", "Code 9 8 7", "987"));

        List<String> lines = Files.readAllLines(outbox);
        assertEquals(2, lines.size());
        assertEquals("sms", JSON.readTree(lines.get(0)).get("channel").asText());
        assertEquals("voice", JSON.readTree(lines.get(1)).get("channel").asText());
        assertEquals("987", JSON.readTree(lines.get(1)).get("code").asText());
    }

    @Test
    void recordsVoiceCallsWithLanguageAndCallerId() throws Exception {
        Path outbox = dir.resolve("outbox.jsonl");
        new DevOutboxGateway(new DevOutboxSettings(outbox, false), true).send(new OutgoingMessage("acme", Channel.VOICE,
                "+4681234567", "Your Acme code is 9, 8, 7. Again: 9, 8, 7.", "987", "en-US", "+46855512345"));

        var line = JSON.readTree(Files.readAllLines(outbox).get(0));
        assertEquals("voice", line.get("channel").asText());
        assertEquals("Your Acme code is 9, 8, 7. Again: 9, 8, 7.", line.get("text").asText());
        assertEquals("en-US", line.get("language").asText());
        assertEquals("+46855512345", line.get("from").asText());
    }

    @Test
    void refusesOutsideDevModeUnlessEnabled() throws Exception {
        Path outbox = dir.resolve("outbox.jsonl");

        GatewayException e = assertThrows(GatewayException.class,
                () -> new DevOutboxGateway(new DevOutboxSettings(outbox, false), false).send(SMS));

        assertEquals("not_allowed", e.reason());
        assertFalse(e.maybeDelivered());
        assertTrue(e.getMessage().contains("--spi-mfa-message-gateway--dev--enabled-outside-dev-mode=true"));
        assertFalse(Files.exists(outbox));

        new DevOutboxGateway(new DevOutboxSettings(outbox, true), false).send(SMS);
        assertEquals(1, Files.readAllLines(outbox).size());
    }

    @Test
    void concurrentSendsNeverInterleaveLines() throws Exception {
        Path outbox = dir.resolve("outbox.jsonl");
        Object sharedLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<GatewayReceipt>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String code = String.format("%06d", i);
            // a gateway per send, as Keycloak creates one per session; the factory's lock is what they share
            DevOutboxGateway gateway = new DevOutboxGateway(new DevOutboxSettings(outbox, false), true, sharedLock);
            sends.add(() -> gateway.send(new OutgoingMessage("acme", Channel.SMS, "+46701234567", "x".repeat(500), code)));
        }
        try {
            for (Future<GatewayReceipt> sent : pool.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(outbox);
        assertEquals(100, lines.size());
        Set<String> codes = lines.stream().map(DevOutboxGatewayTest::code).collect(Collectors.toSet());
        assertEquals(100, codes.size());
    }

    @Test
    void optionsAreParsed() {
        DevOutboxSettings settings = DevOutboxSettings.from(
                MapScope.of("outbox", "/tmp/o.jsonl", "enabled-outside-dev-mode", "TRUE"));

        assertEquals(Path.of("/tmp/o.jsonl"), settings.outbox());
        assertTrue(settings.enabledOutsideDevMode());
        assertFalse(DevOutboxSettings.from(MapScope.of()).enabledOutsideDevMode());
        assertThrows(IllegalArgumentException.class,
                () -> DevOutboxSettings.from(MapScope.of("enabled-outside-dev-mode", "yes")));
    }

    @Test
    void defaultOutboxIsUnderKeycloakHome() {
        assertEquals(Path.of("/opt/keycloak/data/mfa-outbox.jsonl"), DevOutboxSettings.defaultOutbox("/opt/keycloak"));
        assertEquals(Path.of("./data/mfa-outbox.jsonl"), DevOutboxSettings.defaultOutbox(null));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String code(String line) {
        try {
            return JSON.readTree(line).get("code").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
