package org.mfasuite.keycloak.sms;

import java.util.Locale;
import java.util.Map;

/**
 * How a code is read aloud: digit by digit with pauses ("1, 2, 3"), the sentence repeated, in a voice of the
 * user's language. Text-to-speech reads "123456" as a number; commas make it read digits and pause.
 */
public final class SpokenCode {

    /** The voices we speak for our four languages; other languages get their own tag and the gateway's choice. */
    private static final Map<String, String> VOICES = Map.of("en", "en-US", "sv", "sv-SE", "nl", "nl-NL", "de", "de-DE");

    private SpokenCode() {
    }

    /** {@code "123456"} as {@code "1, 2, 3, 4, 5, 6"}. */
    public static String digits(String code) {
        StringBuilder spoken = new StringBuilder(code.length() * 3);
        for (char c : code.toCharArray()) {
            if (!spoken.isEmpty()) {
                spoken.append(", ");
            }
            spoken.append(c);
        }
        return spoken.toString();
    }

    /**
     * The words of one call: the first sentence, then {@code again} until the code was read {@code times} times.
     */
    public static String script(String first, String again, int times) {
        StringBuilder script = new StringBuilder(first);
        for (int i = 1; i < times; i++) {
            script.append(' ').append(again);
        }
        return script.toString();
    }

    /** The BCP 47 tag a voice gateway needs ({@code sv-SE}); a locale with a country keeps it. */
    public static String languageTag(Locale locale) {
        if (locale == null || locale.getLanguage().isEmpty()) {
            return VOICES.get("en");
        }
        if (!locale.getCountry().isEmpty()) {
            return locale.getLanguage() + "-" + locale.getCountry();
        }
        return VOICES.getOrDefault(locale.getLanguage(), locale.getLanguage());
    }
}
