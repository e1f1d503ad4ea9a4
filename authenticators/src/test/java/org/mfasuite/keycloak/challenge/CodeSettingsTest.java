package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CodeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new CodeSettings(6, 300, 3), CodeSettings.defaults());
        assertEquals(new SendLimits(5, 300, 30, 10, 200, 2000), SendLimits.defaults());
        assertEquals(3, CodeSettings.configProperties("Sign-in.").size());
    }

    @Test
    void outOfRangeValuesNeverWeakenTheCode() {
        CodeSettings s = CodeSettings.from(Map.of(CodeSettings.LENGTH.key(), "4", CodeSettings.TTL.key(), "3600",
                CodeSettings.MAX_ATTEMPTS.key(), "1000"));
        assertEquals(6, s.length(), "at least 20 bits");
        assertEquals(600, s.ttlSeconds(), "at most 10 minutes");
        assertEquals(10, s.maxAttempts());
        assertEquals(0, SendLimits.from(Map.of(SendLimits.RESEND_DELAY.key(), "-5")).resendDelaySeconds());
    }

    @Test
    void unreadableValuesFallBackToDefaults() {
        assertEquals(6, CodeSettings.from(Map.of(CodeSettings.LENGTH.key(), "eight")).length());
        assertEquals(7, SendLimits.from(Map.of(SendLimits.SEND_LIMIT.key(), " 7 ")).sendLimit());
    }

    @Test
    void problemsNameEachBadKey() {
        List<String> problems = CodeSettings.problems(Map.of(CodeSettings.LENGTH.key(), "9", CodeSettings.TTL.key(), "x",
                CodeSettings.MAX_ATTEMPTS.key(), "3"));
        assertEquals(List.of("Code length (code-length) must be a whole number from 6 to 8",
                "Code lifetime (seconds) (code-ttl) must be a whole number from 60 to 600"), problems);
        assertTrue(CodeSettings.problems(Map.of()).isEmpty());
    }

    @Test
    void helpTextsStateRangeDefaultAndWhereTheyApply() {
        var length = CodeSettings.configProperties("Sign-in.").get(0);
        assertEquals("Digits in each code. 6 to 8, default 6. Sign-in.", length.getHelpText());
        assertEquals("Integer", length.getType(), "a number field in the admin console");
    }
}
