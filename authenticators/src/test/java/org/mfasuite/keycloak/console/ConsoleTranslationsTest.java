package org.mfasuite.keycloak.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every text of the console (i18n/*.json) exists in en, sv, nl and de, with the same placeholders. */
class ConsoleTranslationsTest {

    private static final List<String> LANGUAGES = List.of("en", "sv", "nl", "de");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    @Test
    void everyKeyInAllFourLanguagesWithTheSamePlaceholders() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource(ConsoleFiles.FOLDER + "i18n");
        assertNotNull(folder);
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("shell.json")));
        for (Path file : files) {
            Map<String, Map<String, String>> texts = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() { });
            assertEquals(new TreeSet<>(LANGUAGES), new TreeSet<>(texts.keySet()), file.getFileName().toString());
            Map<String, String> en = texts.get("en");
            for (String lang : LANGUAGES) {
                Map<String, String> other = texts.get(lang);
                assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(other.keySet()), file.getFileName() + " " + lang);
                for (Map.Entry<String, String> text : other.entrySet()) {
                    assertFalse(text.getValue().isBlank(), file.getFileName() + " " + lang + " " + text.getKey());
                    assertEquals(placeholders(en.get(text.getKey())), placeholders(text.getValue()),
                            file.getFileName() + " " + lang + " " + text.getKey());
                }
            }
        }
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
