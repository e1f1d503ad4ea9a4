package org.mfasuite.keycloak.sms;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.challenge.IntSetting;
import org.mfasuite.keycloak.challenge.SendLimits;

/**
 * The realm's rules for phones, one set for sign-in and registration alike: where codes may go, how many may
 * be sent, how many phones a user may have, and whom users contact when it fails. Kept in the config of the
 * required action {@code mfa-phone-register} (one per realm, validated when saved).
 *
 * @param defaultRegion  ISO region for numbers typed without a country code, or null
 * @param allowedRegions regions whose numbers may get codes; empty: all
 * @param maxPhones      phones one user may register
 * @param limits         send limits and toll-fraud budgets
 * @param helpdesk       whom users contact when no code can be sent, or null
 * @param allowLandlines whether users may register a landline, for calls only (where the realm has a call step)
 */
public record PhonePolicy(String defaultRegion, Set<String> allowedRegions, int maxPhones, SendLimits limits,
                          String helpdesk, boolean allowLandlines) {

    public static final String DEFAULT_REGION = "default-region";
    public static final String ALLOWED_REGIONS = "allowed-regions";
    public static final String HELPDESK = "helpdesk-contact";
    public static final String ALLOW_LANDLINES = "allow-landlines";
    /** The value admins pick in lists for "no region". */
    public static final String NO_REGION = "none";
    public static final IntSetting MAX_PHONES = new IntSetting("max-phones", 1, 20, 5, "Phones per user",
            "How many phones one user may register.");

    private static final String REALM_WIDE = "Realm-wide: applies to sign-in and registration.";

    public static PhonePolicy of(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(PhoneRegisterActionFactory.PROVIDER_ID);
        return from(config == null ? null : config.getConfig());
    }

    public static PhonePolicy from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        String region = region(c.get(DEFAULT_REGION));
        Set<String> allowed = new LinkedHashSet<>();
        for (String r : split(c.get(ALLOWED_REGIONS))) {
            String known = region(r);
            // an unknown code allows nothing rather than everything
            allowed.add(known != null ? known : "?" + r);
        }
        if (allowed.isEmpty() && region != null) {
            allowed.add(region);
        }
        String helpdesk = c.get(HELPDESK);
        return new PhonePolicy(region, Set.copyOf(allowed), MAX_PHONES.read(c), SendLimits.from(c),
                helpdesk == null || helpdesk.isBlank() ? null : helpdesk.trim(), Boolean.parseBoolean(c.get(ALLOW_LANDLINES)));
    }

    /** Whether codes may go to this number: its region is allowed. */
    public boolean allows(String e164) {
        return allowedRegions.isEmpty() || allowedRegions.contains(PhoneNumbers.regionOf(e164));
    }

    /** The allowed countries by name in {@code language}, in its alphabetical order, for a message; "" when all are. */
    public String allowedCountries(Locale language) {
        Collator order = Collator.getInstance(language);
        return allowedRegions.stream().map(region -> new Locale("", region).getDisplayCountry(language))
                .sorted(order).collect(Collectors.joining(", "));
    }

    /** Problems with a config map, each naming the field and what it takes; empty when it is valid. */
    public static List<String> problems(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>(SendLimits.problems(c));
        String maxPhones = MAX_PHONES.problem(c);
        if (maxPhones != null) {
            problems.add(maxPhones);
        }
        String typed = c.get(DEFAULT_REGION);
        if (typed != null && !typed.isBlank() && !NO_REGION.equals(typed.trim()) && region(typed) == null) {
            problems.add("Default region (" + DEFAULT_REGION + ") must be a two-letter country code such as SE, not '"
                    + typed.trim() + "'");
        }
        for (String r : split(c.get(ALLOWED_REGIONS))) {
            if (region(r) == null) {
                problems.add("Allowed regions (" + ALLOWED_REGIONS + ") must be two-letter country codes; '" + r
                        + "' is none");
            }
        }
        return problems;
    }

    public static List<ProviderConfigProperty> configProperties() {
        List<String> regions = PhoneNumbers.regions();
        List<String> withNone = new ArrayList<>(regions.size() + 1);
        withNone.add(NO_REGION);
        withNone.addAll(regions);
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(DEFAULT_REGION).label("Default region")
                .helpText("Country of numbers typed without +country code, e.g. SE lets users type 070 123 45 67. "
                        + "none: users must type +country code. Also the only allowed region unless Allowed regions "
                        + "says otherwise. Default none. " + REALM_WIDE)
                .type(ProviderConfigProperty.LIST_TYPE).options(withNone).defaultValue(NO_REGION).add()
                .property().name(ALLOWED_REGIONS).label("Allowed regions")
                .helpText("Countries whose mobile numbers may get codes (stops toll fraud to premium numbers abroad). "
                        + "Empty: the default region only, or every country when there is no default region. "
                        + REALM_WIDE)
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE).options(regions).add()
                .build());
        properties.add(MAX_PHONES.property("Registration."));
        properties.addAll(SendLimits.configProperties(REALM_WIDE));
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(HELPDESK).label("Helpdesk contact")
                .helpText("Shown to users when no code can be sent, e.g. 'IT service desk, +46 8 123 45 67'. "
                        + "Empty: users are told to contact their administrator. " + REALM_WIDE)
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(ALLOW_LANDLINES).label("Allow landlines for calls")
                .helpText("Let users register a landline; it gets codes by phone call only (the SMS step skips it). "
                        + "Takes effect where the realm has an enabled 'Phone call (voice)' step. Default off. "
                        + REALM_WIDE)
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build());
        return properties;
    }

    /** Multivalued config is stored joined with "##"; admins typing by hand use commas or spaces. */
    private static List<String> split(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("##|[,;\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String region(String raw) {
        if (raw == null || raw.isBlank() || NO_REGION.equals(raw.trim())) {
            return null;
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        return PhoneNumbers.isRegion(upper) ? upper : null;
    }
}
