package org.mfasuite.keycloak.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.challenge.IntSetting;

/**
 * Settings of the {@code mfa-push} step, read once from its config: how long a request lives, how many a user
 * can be sent, how long "This wasn't me" mutes them. Delivery settings (Web Push, FCM) are read by
 * the delivery package from the same config.
 */
public record PushSettings(int challengeSeconds, int pushLimit, int muteMinutes, String helpdesk) {

    /** Requests per user are counted in windows of this length. */
    public static final int LIMIT_WINDOW_SECONDS = 300;

    static final IntSetting CHALLENGE_SECONDS = new IntSetting("challenge-seconds", 15, 300, 60,
            "Request lifetime (seconds)", "How long a push request can be approved.");
    static final IntSetting PUSH_LIMIT = new IntSetting("push-limit", 1, 50, 5,
            "Requests per user per 5 minutes", "More push requests to one user in 5 minutes are refused, so nobody "
            + "can flood a phone with requests.");
    static final IntSetting MUTE_MINUTES = new IntSetting("mute-minutes", 0, 1440, 20,
            "Mute after \"This wasn't me\" (minutes)", "After a user reports a request, no push requests are sent "
            + "to them for this long (0: not muted).");
    static final String HELPDESK = "helpdesk-contact";

    public static final PushSettings DEFAULTS = from(Map.of());

    public static PushSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        String helpdesk = c.get(HELPDESK);
        return new PushSettings(CHALLENGE_SECONDS.read(c), PUSH_LIMIT.read(c), MUTE_MINUTES.read(c),
                helpdesk == null || helpdesk.isBlank() ? null : helpdesk.trim());
    }

    /** What is wrong with the config, each naming field and range. */
    public static List<String> problems(Map<String, String> config) {
        return Stream.of(CHALLENGE_SECONDS, PUSH_LIMIT, MUTE_MINUTES).map(s -> s.problem(config))
                .filter(Objects::nonNull).toList();
    }

    public static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        properties.add(CHALLENGE_SECONDS.property("Sign-in."));
        properties.add(PUSH_LIMIT.property("Sign-in."));
        properties.add(MUTE_MINUTES.property("Sign-in."));
        ProviderConfigProperty helpdesk = new ProviderConfigProperty();
        helpdesk.setName(HELPDESK);
        helpdesk.setLabel("Helpdesk contact");
        helpdesk.setHelpText("Shown when no push request can be sent (muted, limit), e.g. 'IT helpdesk, +46 8 123 456'.");
        helpdesk.setType(ProviderConfigProperty.STRING_TYPE);
        properties.add(helpdesk);
        return properties;
    }
}
