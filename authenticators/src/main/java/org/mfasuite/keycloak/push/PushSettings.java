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
public record PushSettings(int challengeSeconds, int pushLimit, int muteMinutes, String helpdesk,
                           NumberMatch.Mode numberMatching) {

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
    public static final String NUMBER_MATCHING = "number-matching";

    public static final PushSettings DEFAULTS = from(Map.of());

    public static PushSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        String helpdesk = c.get(HELPDESK);
        return new PushSettings(CHALLENGE_SECONDS.read(c), PUSH_LIMIT.read(c), MUTE_MINUTES.read(c),
                helpdesk == null || helpdesk.isBlank() ? null : helpdesk.trim(), NumberMatch.Mode.of(c.get(NUMBER_MATCHING)));
    }

    /** What is wrong with the config, each naming field and range. */
    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>(Stream.of(CHALLENGE_SECONDS, PUSH_LIMIT, MUTE_MINUTES)
                .map(s -> s.problem(config)).filter(Objects::nonNull).toList());
        String appUrl = AppUrl.problem(config == null ? null : config.get(AppUrl.KEY));
        if (appUrl != null) {
            problems.add(appUrl);
        }
        String matching = config == null ? null : config.get(NUMBER_MATCHING);
        if (matching != null && !matching.isBlank() && !List.of("type", "choose").contains(matching.trim())) {
            problems.add("Number matching (" + NUMBER_MATCHING + ") must be 'type' or 'choose'");
        }
        return problems;
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
        ProviderConfigProperty matching = new ProviderConfigProperty();
        matching.setName(NUMBER_MATCHING);
        matching.setLabel("Number matching");
        matching.setHelpText("How the user gives the sign-in page's two-digit number on the phone. 'type' (default): "
                + "the user types it, a guess succeeds 1 time in 90. 'choose': the phone offers it among 3 numbers, "
                + "a guess succeeds 1 time in 3. Sign-in.");
        matching.setType(ProviderConfigProperty.LIST_TYPE);
        matching.setOptions(List.of(NumberMatch.Mode.TYPE.id(), NumberMatch.Mode.CHOOSE.id()));
        matching.setDefaultValue(NumberMatch.Mode.TYPE.id());
        properties.add(matching);
        ProviderConfigProperty app = new ProviderConfigProperty();
        app.setName(AppUrl.KEY);
        app.setLabel("Companion app URL");
        app.setHelpText("Where the companion app is served from a host name of its own, e.g. "
                + "'https://push.example.com/app/' (recommended in production: no Keycloak page then shares the app's "
                + "origin). Enrolment links and QR codes point there, and the device API allows exactly that origin "
                + "(CORS). Empty: the app Keycloak serves at /realms/<realm>/mfa-push/app/. Enrolment and device API.");
        app.setType(ProviderConfigProperty.STRING_TYPE);
        properties.add(app);
        return properties;
    }
}
