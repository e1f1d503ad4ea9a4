package org.mfasuite.keycloak.challenge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * How one-time codes are issued and checked. Keys, defaults and bounds are defined here once; the sign-in
 * step and the registration action each read their own config through this class.
 *
 * @param length      digits per code (6-8: at least 20 bits, NIST SP 800-63B)
 * @param ttlSeconds  how long a code is valid (at most 600 s)
 * @param maxAttempts wrong entries allowed per code before a new one is needed
 */
public record CodeSettings(int length, int ttlSeconds, int maxAttempts) {

    public static final IntSetting LENGTH = new IntSetting("code-length", 6, 8, 6, "Code length",
            "Digits in each code.");
    public static final IntSetting TTL = new IntSetting("code-ttl", 60, 600, 300, "Code lifetime (seconds)",
            "How long a code can be used.");
    public static final IntSetting MAX_ATTEMPTS = new IntSetting("max-attempts", 1, 10, 3, "Tries per code",
            "Wrong entries allowed before the user must ask for a new code.");

    /** The lifetime as pages and texts state it: whole minutes, never more than it is. */
    public int ttlMinutes() {
        return ttlSeconds / 60;
    }

    private static final List<IntSetting> ALL = List.of(LENGTH, TTL, MAX_ATTEMPTS);

    public static CodeSettings defaults() {
        return from(Map.of());
    }

    /** Reads a config map; a missing, unreadable or out-of-range value falls back to its default or bound. */
    public static CodeSettings from(Map<String, String> config) {
        return new CodeSettings(LENGTH.read(config), TTL.read(config), MAX_ATTEMPTS.read(config));
    }

    /** Problems with a config map, each naming the field and its range; empty when it is valid. */
    public static List<String> problems(Map<String, String> config) {
        return ALL.stream().map(s -> s.problem(config)).filter(Objects::nonNull).toList();
    }

    /** @param appliesTo said in each help text: which step the settings govern */
    public static List<ProviderConfigProperty> configProperties(String appliesTo) {
        return ALL.stream().map(s -> s.property(appliesTo)).toList();
    }
}
