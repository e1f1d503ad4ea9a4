package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CodeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new CodeSettings(6, 300, 3, 5, 300, 30), CodeSettings.defaults());
        assertEquals(6, CodeSettings.configProperties().size());
    }

    @Test
    void outOfRangeValuesNeverWeakenTheCode() {
        CodeSettings s = CodeSettings.from(Map.of(CodeSettings.LENGTH, "4", CodeSettings.TTL, "3600",
                CodeSettings.MAX_ATTEMPTS, "1000", CodeSettings.RESEND_DELAY, "-5"));
        assertEquals(6, s.length(), "at least 20 bits");
        assertEquals(600, s.ttlSeconds(), "at most 10 minutes");
        assertEquals(10, s.maxAttempts());
        assertEquals(0, s.resendDelaySeconds());
    }

    @Test
    void unreadableValuesFallBackToDefaults() {
        CodeSettings s = CodeSettings.from(Map.of(CodeSettings.LENGTH, "eight", CodeSettings.SEND_LIMIT, " 7 "));
        assertEquals(6, s.length());
        assertEquals(7, s.sendLimit());
    }

    @Test
    void problemsNameEachBadKey() {
        List<String> problems = CodeSettings.problems(Map.of(CodeSettings.LENGTH, "9", CodeSettings.TTL, "x",
                CodeSettings.SEND_WINDOW, "300"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("code-length")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("code-ttl")));
        assertTrue(CodeSettings.problems(Map.of()).isEmpty());
    }
}
