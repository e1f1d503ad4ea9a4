package org.mfasuite.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.challenge.IntSetting;

/**
 * What only a call has: the number it comes from and how often the code is read. Read from the {@code mfa-voice}
 * step's config; registration calls use {@link #DEFAULTS} (the gateway's own number).
 *
 * @param from        caller id in E.164, or null for the gateway's configured number
 * @param repeatCount how many times the code is read in one call
 */
public record CallSettings(String from, int repeatCount) {

    public static final String FROM = "from";
    public static final IntSetting REPEAT_COUNT = new IntSetting("repeat-count", 1, 5, 2, "Times the code is read",
            "How many times one call reads the code, digit by digit.");
    public static final CallSettings DEFAULTS = new CallSettings(null, REPEAT_COUNT.fallback());

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    public static CallSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        String from = c.get(FROM) == null ? "" : c.get(FROM).replaceAll("[\\s-]", "");
        return new CallSettings(E164.matcher(from).matches() ? from : null, REPEAT_COUNT.read(c));
    }

    /** Problems with a config map, each naming the field; empty when it is valid. */
    public static List<String> problems(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();
        String repeat = REPEAT_COUNT.problem(c);
        if (repeat != null) {
            problems.add(repeat);
        }
        String from = c.get(FROM) == null ? "" : c.get(FROM).replaceAll("[\\s-]", "");
        if (!from.isEmpty() && !E164.matcher(from).matches()) {
            problems.add("Caller id (" + FROM + ") must be a number in E.164 form such as +46855512345");
        }
        return problems;
    }

    public static List<ProviderConfigProperty> configProperties(String appliesTo) {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(FROM).label("Caller id")
                .helpText("Number the call comes from, in E.164 (+46855512345); it must be a number the gateway may "
                        + "call from (for Twilio: one of the account's numbers). Empty: the gateway's own 'from' option. "
                        + appliesTo)
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build());
        properties.add(REPEAT_COUNT.property(appliesTo));
        return properties;
    }
}
