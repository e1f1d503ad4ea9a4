package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.core.Grant;

/**
 * The Conditional access page says everything the REST can answer in all four languages: each text the page asks
 * for, each problem code, field, grant, state and unmet condition the server sends.
 */
class PoliciesPageTextsTest {

    private static final String DIR = "/mfa-admin-console/";

    @Test
    void everyLanguageHasEveryKey() throws IOException {
        Map<String, Map<String, String>> texts = texts();
        assertEquals(List.of("de", "en", "nl", "sv"), new ArrayList<>(new TreeSet<>(texts.keySet())));
        for (String lang : texts.keySet()) {
            assertEquals(texts.get("en").keySet(), texts.get(lang).keySet(), lang);
            texts.get(lang).forEach((k, v) -> assertTrue(!v.isBlank(), lang + " " + k));
        }
    }

    @Test
    void everyKeyThePageAsksForAndEveryValueTheServerSendsHasAText() throws Exception {
        Map<String, String> en = texts().get("en");
        List<String> missing = new ArrayList<>();
        Matcher literal = Pattern.compile("ctx\\.t\\('(policies\\.[A-Za-z.-]+[A-Za-z])'").matcher(page());
        int asked = 0;
        while (literal.find()) {
            need(en, literal.group(1), missing);
            asked++;
        }
        assertTrue(asked > 50, "the page's own keys were read: " + asked);
        for (Field f : PolicyProblem.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !"other".equals(f.get(null))) {
                need(en, "policies.problem." + f.get(null), missing);
            }
        }
        need(en, "policies.problem.unknown-field", missing);
        for (ProviderConfigProperty p : AccessPolicyProperties.all()) {
            need(en, "policies.field." + p.getName(), missing);
            need(en, "policies.help." + p.getName(), missing);
        }
        for (Grant g : Grant.values()) {
            need(en, "policies.whatIf.decision." + g.id(), missing);
            if (g != Grant.NONE) {
                need(en, "policies.grant." + g.id(), missing);
            }
        }
        for (AccessPolicy.State s : AccessPolicy.State.values()) {
            need(en, "policies.state." + s.id(), missing);
        }
        for (Condition c : Condition.values()) {
            need(en, "policies.unmet." + c.id(), missing);
        }
        for (ClientType t : ClientType.values()) {
            need(en, "policies.clientType." + t.id(), missing);
        }
        assertEquals(List.of(), missing);
    }

    private static void need(Map<String, String> en, String key, List<String> missing) {
        if (!en.containsKey(key) && !"policies.help.state".equals(key)) {
            missing.add(key);
        }
    }

    private static Map<String, Map<String, String>> texts() throws IOException {
        try (InputStream in = PoliciesPageTextsTest.class.getResourceAsStream(DIR + "i18n/policies.json")) {
            assertNotNull(in);
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }

    private static String page() throws IOException {
        try (InputStream in = PoliciesPageTextsTest.class.getResourceAsStream(DIR + "pages/policies.js")) {
            assertNotNull(in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
