package org.mfasuite.keycloak.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.challenge.IntSetting;

/**
 * The settings of the {@code mfa-register} required action (its ⚙ in the admin console): the registration
 * campaign, the security-email switch and the "strongest method first" switch. Keys, bounds and defaults are
 * defined here once.
 *
 * @param campaignGroups group paths whose members are asked to register (sub-groups included); empty = no campaign
 * @param snoozeDays     days a "Not now" postpones the campaign prompt
 * @param maxSnoozes     "Not now"s allowed; after that registration is required
 * @param securityEmails whether users get an email when a method is added, removed, made default or reset
 * @param strongestFirst whether sign-in starts with the user's strongest usable method when no default was chosen
 */
public record RegisterSettings(List<String> campaignGroups, int snoozeDays, int maxSnoozes, boolean securityEmails,
                               boolean strongestFirst) {

    public static final String CAMPAIGN_GROUPS = "campaign-groups";
    public static final String SECURITY_EMAILS = "security-emails";
    public static final String STRONGEST_FIRST = "strongest-first";
    static final IntSetting SNOOZE_DAYS = new IntSetting("snooze-days", 0, 14, 1, "Snooze days",
            "Days a campaign's \"Not now\" postpones the prompt (0: until the next sign-in).");
    static final IntSetting MAX_SNOOZES = new IntSetting("max-snoozes", 0, 100, 3, "Maximum snoozes",
            "How many times a user may answer \"Not now\" to a campaign; after that registering is required.");

    public RegisterSettings {
        campaignGroups = List.copyOf(campaignGroups);
    }

    public static RegisterSettings of(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(RegisterActionFactory.PROVIDER_ID);
        return from(config == null ? null : config.getConfig());
    }

    public static RegisterSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        String emails = c.get(SECURITY_EMAILS);
        return new RegisterSettings(split(c.get(CAMPAIGN_GROUPS)), SNOOZE_DAYS.read(c), MAX_SNOOZES.read(c),
                emails == null || emails.isBlank() || Boolean.parseBoolean(emails.trim()),
                onUnlessFalse(c.get(STRONGEST_FIRST)));
    }

    /** On unless "false" (any other value is refused on save; one that got in by an import leaves it on). */
    private static boolean onUnlessFalse(String value) {
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /** Whether a campaign covers a member of these groups (paths; a campaign group covers its sub-groups). */
    public boolean covers(java.util.Collection<String> userGroupPaths) {
        return userGroupPaths.stream().anyMatch(path -> campaignGroups.stream()
                .anyMatch(g -> path.equals(g) || path.startsWith(g.endsWith("/") ? g : g + "/")));
    }

    /** What is wrong with a config, one sentence per field that names its key; empty when it is fine. */
    public static List<String> problems(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        for (IntSetting s : List.of(SNOOZE_DAYS, MAX_SNOOZES)) {
            String p = s.problem(config);
            if (p != null) {
                problems.add(p);
            }
        }
        String emails = config == null ? null : config.get(SECURITY_EMAILS);
        if (emails != null && !emails.isBlank() && !emails.trim().matches("(?i)true|false")) {
            problems.add("Security emails (" + SECURITY_EMAILS + ") must be true or false");
        }
        String strongest = config == null ? null : config.get(STRONGEST_FIRST);
        if (strongest != null && !strongest.isBlank() && !strongest.trim().matches("(?i)true|false")) {
            problems.add("Strongest method first (" + STRONGEST_FIRST + ") must be true or false");
        }
        for (String path : split(config == null ? null : config.get(CAMPAIGN_GROUPS))) {
            if (!path.startsWith("/")) {
                problems.add("Campaign groups (" + CAMPAIGN_GROUPS + "): '" + path + "' is not a group path such as /staff");
            }
        }
        return problems;
    }

    public static List<ProviderConfigProperty> configProperties() {
        ProviderConfigProperty groups = new ProviderConfigProperty();
        groups.setName(CAMPAIGN_GROUPS);
        groups.setLabel("Campaign groups");
        groups.setType(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
        groups.setHelpText("Registration campaign: members of these groups (paths such as /staff, sub-groups included)"
                + " who have no second-factor method the realm offers are asked to register one at sign-in, with"
                + " \"Not now\". Empty (the default): no campaign.");
        ProviderConfigProperty emails = new ProviderConfigProperty();
        emails.setName(SECURITY_EMAILS);
        emails.setLabel("Security emails");
        emails.setType(ProviderConfigProperty.BOOLEAN_TYPE);
        emails.setDefaultValue("true");
        emails.setHelpText("Email users when a sign-in method is added, removed or made default, and when an admin"
                + " resets their methods (needs the realm's email settings). On by default.");
        ProviderConfigProperty strongest = new ProviderConfigProperty();
        strongest.setName(STRONGEST_FIRST);
        strongest.setLabel("Strongest method first");
        strongest.setType(ProviderConfigProperty.BOOLEAN_TYPE);
        strongest.setDefaultValue("true");
        strongest.setHelpText("Sign-in only: start with the user's strongest method (push, then authenticator app or"
                + " hardware token, then call or text), the others under \"Sign in another way\", unless the user or an"
                + " admin chose a default method. Passkeys and security keys keep Keycloak's place. Off: Keycloak's own"
                + " order (the order of the user's credentials). On by default.");
        String appliesTo = "Campaign prompts only.";
        return List.of(groups, SNOOZE_DAYS.property(appliesTo), MAX_SNOOZES.property(appliesTo), emails, strongest);
    }

    /** Multivalued config is stored joined with "##"; admins typing by hand use commas. */
    static List<String> split(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("##|,")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
