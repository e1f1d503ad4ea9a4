package org.mfasuite.keycloak.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The users page's texts: every key in en, sv, nl and de, every key the page asks for exists, no markup. */
class UsersPageTextsTest {

    @Test
    void everyKeyTheUsersPageUsesIsTranslatedIntoAllFourLanguages() throws Exception {
        byte[] json = ConsoleFiles.read("i18n/users.json");
        byte[] page = ConsoleFiles.read("pages/users.js");
        assertNotNull(json);
        assertNotNull(page);
        Map<String, Map<String, String>> texts = new ObjectMapper().readValue(json, new TypeReference<>() { });
        assertEquals(new TreeSet<>(List.of("en", "sv", "nl", "de")), new TreeSet<>(texts.keySet()));
        for (String lang : texts.keySet()) {
            assertEquals(texts.get("en").keySet(), texts.get(lang).keySet(), lang + " has the same keys as en");
            texts.get(lang).forEach((key, text) -> {
                assertFalse(text.isBlank(), lang + " " + key);
                assertFalse(text.contains("<"), "texts are text, never markup: " + lang + " " + key);
                for (int i = 0; i < 3; i++) {
                    assertEquals(texts.get("en").get(key).contains("{" + i + "}"), text.contains("{" + i + "}"),
                            "same placeholders: " + lang + " " + key);
                }
            });
        }
        Matcher used = Pattern.compile("t\\('(users\\.[A-Za-z_.-]+)'").matcher(new String(page, StandardCharsets.UTF_8));
        int checked = 0;
        while (used.find()) {
            String key = used.group(1);
            if (key.endsWith(".")) { // a prefix the page completes: users.kind.<kind>, users.error.<code>, …
                String prefix = key;
                assertTrue(texts.get("en").keySet().stream().anyMatch(k -> k.startsWith(prefix)), prefix);
            } else {
                assertTrue(texts.get("en").containsKey(key), "missing text " + key);
            }
            checked++;
        }
        assertTrue(checked > 50, "the page's keys were read: " + checked);
        for (String kind : List.of("phone", "push-device", "hardware-token", "authenticator-app", "security-key",
                "passkey", "recovery-codes", "app-password", "remembered-device", "other")) {
            assertTrue(texts.get("en").containsKey("users.kind." + kind), kind);
        }
        for (String error : List.of("prompt_disabled", "nothing_to_register")) {
            assertTrue(texts.get("en").containsKey("users.error." + error), error);
        }
    }
}
