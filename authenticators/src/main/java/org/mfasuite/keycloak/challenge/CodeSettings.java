package org.mfasuite.keycloak.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * How one-time codes are issued and checked. Keys, defaults and bounds are defined here once; the
 * authenticator and the registration action both read their config through this class.
 *
 * @param length         digits per code (6-8: at least 20 bits, NIST SP 800-63B)
 * @param ttlSeconds     how long a code is valid (at most 600 s)
 * @param maxAttempts    wrong entries allowed per code before a new one is needed
 * @param sendLimit      codes sent to one user within {@code sendWindowSeconds}, across all sessions and nodes
 * @param sendWindowSeconds the rolling window of {@code sendLimit}
 * @param resendDelaySeconds wait between two sends in one sign-in
 */
public record CodeSettings(int length, int ttlSeconds, int maxAttempts, int sendLimit, int sendWindowSeconds,
                           int resendDelaySeconds) {

    public static final String LENGTH = "code-length";
    public static final String TTL = "code-ttl";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String SEND_LIMIT = "send-limit";
    public static final String SEND_WINDOW = "send-window";
    public static final String RESEND_DELAY = "resend-delay";

    private static final List<Bound> BOUNDS = List.of(
            new Bound(LENGTH, 6, 8, 6, "Code length", "Digits in each code (6 to 8)."),
            new Bound(TTL, 30, 600, 300, "Code lifetime (seconds)", "How long a code can be used (30 to 600 seconds)."),
            new Bound(MAX_ATTEMPTS, 1, 10, 3, "Tries per code", "Wrong entries allowed before the user must request a new code."),
            new Bound(SEND_LIMIT, 1, 50, 5, "Sends per window", "Codes sent to one user within the send window, across all sign-ins."),
            new Bound(SEND_WINDOW, 60, 86400, 300, "Send window (seconds)", "Rolling window for the send limit."),
            new Bound(RESEND_DELAY, 0, 600, 30, "Resend delay (seconds)", "Wait before the user may request another code."));

    public static CodeSettings defaults() {
        return from(Map.of());
    }

    /** Reads a config map; a missing, unreadable or out-of-range value falls back to its default or bound. */
    public static CodeSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new CodeSettings(read(c, 0), read(c, 1), read(c, 2), read(c, 3), read(c, 4), read(c, 5));
    }

    /** Problems with a config map, as {@code key -> reason}; empty when it is valid. */
    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        for (Bound b : BOUNDS) {
            String raw = config == null ? null : config.get(b.key);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(raw.trim());
                if (v < b.min || v > b.max) {
                    problems.add(b.key + " must be between " + b.min + " and " + b.max);
                }
            } catch (NumberFormatException e) {
                problems.add(b.key + " must be a whole number");
            }
        }
        return problems;
    }

    public static List<ProviderConfigProperty> configProperties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (Bound b : BOUNDS) {
            builder.property().name(b.key).label(b.label).helpText(b.help)
                    .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(b.fallback)).add();
        }
        return builder.build();
    }

    private static int read(Map<String, String> config, int index) {
        Bound b = BOUNDS.get(index);
        String raw = config.get(b.key);
        if (raw == null || raw.isBlank()) {
            return b.fallback;
        }
        try {
            return Math.max(b.min, Math.min(b.max, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            return b.fallback;
        }
    }

    private record Bound(String key, int min, int max, int fallback, String label, String help) {
    }
}
