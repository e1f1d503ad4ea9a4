package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The companion app's files as the jar ships them: every text in all four languages, every key the page and the
 * scripts use defined, nothing inline that the app's CSP ('self' only) would block, the manifest's icons present.
 */
class CompanionAppFilesTest {

    private static final String FOLDER = "mfa-push-app/";
    private static final List<String> LANGUAGES = List.of("en", "sv", "nl", "de");

    @Test
    void everyLanguageHasTheSameCompleteTexts() throws IOException {
        Map<String, Map<String, String>> texts = texts();
        assertEquals(Set.copyOf(LANGUAGES), texts.keySet());
        Set<String> english = texts.get("en").keySet();
        for (String lang : LANGUAGES) {
            assertEquals(new TreeSet<>(english), new TreeSet<>(texts.get(lang).keySet()), lang);
            texts.get(lang).forEach((key, text) -> assertFalse(text.isBlank(), lang + " " + key));
        }
        // placeholders survive translation
        for (String key : english) {
            String placeholders = placeholders(texts.get("en").get(key));
            for (String lang : LANGUAGES) {
                assertEquals(placeholders, placeholders(texts.get(lang).get(key)), lang + " " + key);
            }
        }
    }

    @Test
    void everyKeyThePageAndTheScriptsUseExists() throws IOException {
        Set<String> keys = texts().get("en").keySet();
        List<String> used = new ArrayList<>();
        used.addAll(matches(read("index.html"), "data-i18n=\"([a-z_]+)\""));
        used.addAll(matches(read("app.js"), "\\bt\\('([a-z_]+)'"));
        used.addAll(matches(read("app.js"), "\\['(result_[a-z_]+)'"));
        used.addAll(matches(read("sw.js"), "text\\.([a-z_]+)"));
        assertTrue(used.size() > 40, "keys found: " + used.size());
        for (String key : used) {
            assertTrue(keys.contains(key), "undefined text key " + key);
        }
    }

    @Test
    void nothingInlineForTheContentSecurityPolicyToBlock() throws IOException {
        String html = read("index.html");
        assertFalse(html.contains("style="), "inline style");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "inline script");
        assertFalse(Pattern.compile("<style").matcher(html).find(), "style element");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "event handler attribute");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "another origin");
        for (String script : List.of("app.js", "sw.js")) {
            String js = read(script);
            assertFalse(js.contains("eval(") || js.contains("new Function") || js.contains("innerHTML"), script);
            assertFalse(Pattern.compile("https?://").matcher(js).find(), script + " names another origin");
        }
    }

    @Test
    void theManifestNamesFilesThatShip() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(read("manifest.webmanifest"));
        assertEquals("standalone", manifest.get("display").asText());
        assertEquals("./", manifest.get("start_url").asText());
        assertTrue(manifest.get("icons").size() >= 2);
        for (JsonNode icon : manifest.get("icons")) {
            assertNotNull(resource(icon.get("src").asText()), icon.toString());
        }
        for (String file : List.of("index.html", "app.js", "app.css", "sw.js", "i18n.json", "icon.svg", "icon-192.png")) {
            assertNotNull(resource(file), file);
            // the server serves only such names (CompanionApp)
            assertTrue(file.matches("[a-z0-9][a-z0-9._-]{0,63}"), file);
        }
    }

    private static Map<String, Map<String, String>> texts() throws IOException {
        return new ObjectMapper().readValue(read("i18n.json"), new TypeReference<>() { });
    }

    private static String placeholders(String text) {
        return String.join(",", new TreeSet<>(matches(text, "(\\{[0-9]\\})")));
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static InputStream resource(String file) {
        return CompanionAppFilesTest.class.getClassLoader().getResourceAsStream(FOLDER + file);
    }

    private static String read(String file) throws IOException {
        try (InputStream in = resource(file)) {
            assertNotNull(in, file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
