package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the dev gateway's outbox: where the demo's and the tests' SMS codes land. */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Outbox() {
    }

    public static Path path() {
        return Path.of(System.getProperty("mfa.outbox", "target/mfa-outbox.jsonl")).toAbsolutePath();
    }

    /** Every message so far to {@code e164}, oldest first. */
    public static List<JsonNode> messagesTo(String e164) {
        return messagesTo(path(), e164);
    }

    /** Every message so far to {@code e164} in the outbox file {@code path}, oldest first. */
    public static List<JsonNode> messagesTo(Path path, String e164) {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).map(Outbox::parse)
                    .filter(n -> e164.equals(n.path("to").asText())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int countTo(String e164) {
        return messagesTo(e164).size();
    }

    /** The code of the newest message to {@code e164}. */
    public static String lastCodeTo(String e164) {
        List<JsonNode> messages = messagesTo(e164);
        if (messages.isEmpty()) {
            throw new AssertionError("No message to " + e164 + " in " + path());
        }
        return messages.get(messages.size() - 1).path("code").asText();
    }

    public static JsonNode lastMessageTo(String e164) {
        List<JsonNode> messages = messagesTo(e164);
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("Outbox line is not JSON: " + line, e);
        }
    }

    /** The "Not you?" report link a sign-in's text or call carries (fraud alert), or null. */
    public static String reportLinkIn(String text) {
        java.util.regex.Matcher m = REPORT_LINK.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** A sign-in's text or call without its report sentence, as it read before the fraud alert. */
    public static String withoutReportLink(String text) {
        return text.replaceAll("\\s*[^.\\n]*https?://\\S+/mfa-report/[0-9a-z]{13}\\.?", "");
    }

    private static final java.util.regex.Pattern REPORT_LINK =
            java.util.regex.Pattern.compile("(https?://\\S+/mfa-report/[0-9a-z]{13})");
}
