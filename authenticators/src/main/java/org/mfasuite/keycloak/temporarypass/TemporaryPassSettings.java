package org.mfasuite.keycloak.temporarypass;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.challenge.IntSetting;

/**
 * The realm's limits for temporary access passes, read from the config of the first enabled
 * {@code mfa-temporary-pass} step that has one: the browser flow's first, then other flows by alias. Authenticator
 * configs cannot be validated on save, so reading clamps: a value out of range becomes the nearest bound, a default
 * lifetime above the maximum becomes the maximum.
 *
 * @param defaultMinutes lifetime when the admin gives none
 * @param maxMinutes     longest lifetime an admin may give (10 minutes to 30 days)
 * @param oneTimeDefault whether a pass is one-time when the admin does not say
 * @param length         characters of a new pass (12 to 32: 60 to 160 bits)
 */
public record TemporaryPassSettings(int defaultMinutes, int maxMinutes, boolean oneTimeDefault, int length) {

    static final int MIN_MINUTES = 10;
    static final int MAX_MINUTES = 30 * 24 * 60;
    public static final IntSetting DEFAULT_LIFETIME = new IntSetting("default-lifetime-minutes", MIN_MINUTES,
            MAX_MINUTES, 60, "Default lifetime (minutes)", "How long a pass works when the admin gives no lifetime.");
    public static final IntSetting MAX_LIFETIME = new IntSetting("max-lifetime-minutes", MIN_MINUTES, MAX_MINUTES,
            8 * 60, "Maximum lifetime (minutes)", "The longest lifetime an admin may give a pass.");
    public static final IntSetting LENGTH = new IntSetting("length", 12, 32, 12, "Length (characters)",
            "Characters of a new pass, 5 bits each.");
    public static final String ONE_TIME_DEFAULT = "one-time-default";

    public static TemporaryPassSettings from(Map<String, String> config) {
        int max = MAX_LIFETIME.read(config);
        int def = Math.min(DEFAULT_LIFETIME.read(config), max);
        String oneTime = config == null ? null : config.get(ONE_TIME_DEFAULT);
        // anything but an explicit "false" is one-time: the untouched or mistyped form is the safe one
        return new TemporaryPassSettings(def, max, !"false".equalsIgnoreCase(oneTime == null ? "" : oneTime.trim()),
                LENGTH.read(config));
    }

    public static TemporaryPassSettings of(RealmModel realm) {
        return from(flowsInOrder(realm).stream()
                .flatMap(f -> realm.getAuthenticationExecutionsStream(f.getId()))
                .filter(e -> TemporaryPassAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator())
                        && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED
                        && e.getAuthenticatorConfig() != null)
                .map(e -> realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(c -> c != null && c.getConfig() != null)
                .map(AuthenticatorConfigModel::getConfig)
                .findFirst().orElse(Map.of()));
    }

    /** The realm's browser flow and its sub-flows (in execution order) first, then the other flows by alias. */
    private static List<AuthenticationFlowModel> flowsInOrder(RealmModel realm) {
        Map<String, AuthenticationFlowModel> ordered = new LinkedHashMap<>();
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        if (browser != null) {
            addWithSubFlows(realm, browser, ordered, 0);
        }
        realm.getAuthenticationFlowsStream()
                .sorted(Comparator.comparing(AuthenticationFlowModel::getAlias,
                        Comparator.nullsLast(String::compareTo)))
                .forEach(f -> ordered.putIfAbsent(f.getId(), f));
        return List.copyOf(ordered.values());
    }

    private static void addWithSubFlows(RealmModel realm, AuthenticationFlowModel flow,
                                        Map<String, AuthenticationFlowModel> ordered, int depth) {
        if (depth > 20 || ordered.putIfAbsent(flow.getId(), flow) != null) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> e.isAuthenticatorFlow()
                        && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> realm.getAuthenticationFlowById(e.getFlowId())).filter(f -> f != null)
                .forEach(f -> addWithSubFlows(realm, f, ordered, depth + 1));
    }

    /**
     * The lifetime of a pass the admin asked for: null asks for the default. Returns the problem (for a 400) via
     * {@link IllegalArgumentException} when it is out of range.
     */
    public int lifetime(Integer requestedMinutes) {
        if (requestedMinutes == null) {
            return defaultMinutes;
        }
        if (requestedMinutes < MIN_MINUTES || requestedMinutes > maxMinutes) {
            throw new IllegalArgumentException("lifetimeMinutes must be from " + MIN_MINUTES + " to " + maxMinutes
                    + " (the realm's maximum, max-lifetime-minutes of the mfa-temporary-pass step)");
        }
        return requestedMinutes;
    }

    static List<ProviderConfigProperty> configProperties() {
        String applies = "Temporary access passes of this realm.";
        ProviderConfigProperty oneTime = new ProviderConfigProperty();
        oneTime.setName(ONE_TIME_DEFAULT);
        oneTime.setLabel("One-time by default");
        oneTime.setHelpText("A pass is used up by one sign-in unless the admin says otherwise. Default on.");
        oneTime.setType(ProviderConfigProperty.BOOLEAN_TYPE);
        oneTime.setDefaultValue("true");
        return List.of(DEFAULT_LIFETIME.property(applies), MAX_LIFETIME.property(applies), oneTime,
                LENGTH.property(applies));
    }
}
