package org.mfasuite.keycloak.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mfasuite.keycloak.challenge.IntSetting;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.RiskLevel;

/**
 * One conditional-access policy: the config of one {@code mfa-access-policy} execution, its alias being the
 * policy's name. Keys and bounds are defined here once (they are a public contract: they never change).
 * <p>
 * A policy never weakens because of a bad value: one with {@link #problems()} demands {@link Grant#BLOCK} of the
 * sign-ins it covers ("fails closed"). An unreadable entry in {@code networks} or {@code client-types} widens
 * that condition to everything; an unreadable entry in {@code excluded-networks} excludes nothing (the
 * readable ones still do). The same for {@code countries} and {@code excluded-countries}; an unreadable
 * {@code sign-in-risk} or {@code user-risk} widens to every sign-in. Exclusions that can be read still hold, so break-glass accounts keep working. A
 * policy that is {@code off} stays off; one that is {@code report-only} only records the block.
 *
 * @param grant                what the policy demands when it has no problems
 * @param signInFrequencyHours ask for the second factor again after this many hours; 0: no limit
 * @param rememberDeviceDays   days a device may skip the second factor; 0: never
 * @param findings             what is wrong with the config, each naming the field and what it takes
 */
public record AccessPolicy(String name, State state, Grant grant, PolicyConditions conditions,
                           int signInFrequencyHours, int rememberDeviceDays, List<PolicyProblem> findings) {

    public static final String STATE = "state";
    public static final String GRANT = "grant";
    public static final String INCLUDE_USERS = "include-users";
    public static final String EXCLUDE_USERS = "exclude-users";
    public static final String INCLUDE_GROUPS = "include-groups";
    public static final String EXCLUDE_GROUPS = "exclude-groups";
    public static final String INCLUDE_ROLES = "include-roles";
    public static final String EXCLUDE_ROLES = "exclude-roles";
    public static final String INCLUDE_CLIENTS = "include-clients";
    public static final String EXCLUDE_CLIENTS = "exclude-clients";
    public static final String NETWORKS = "networks";
    public static final String EXCLUDED_NETWORKS = "excluded-networks";
    public static final String CLIENT_TYPES = "client-types";
    public static final String COUNTRIES = "countries";
    public static final String EXCLUDED_COUNTRIES = "excluded-countries";
    public static final String SIGN_IN_RISK = "sign-in-risk";
    public static final String USER_RISK = "user-risk";
    /** ISO 3166-1 alpha-2 codes, and XK (Kosovo), which GeoIP databases use. */
    private static final Set<String> COUNTRY_CODES = countryCodes();
    public static final IntSetting SIGN_IN_FREQUENCY = new IntSetting("sign-in-frequency", 0, 8760, 0,
            "Sign-in frequency (hours)", "Ask for the second factor again after this many hours, even within an "
            + "SSO session. 0: only when signing in.");
    public static final IntSetting REMEMBER_DEVICE_DAYS = new IntSetting("remember-device-days", 0, 365, 0,
            "Remember device (days)", "Let users skip the second factor on a device for this many days. 0: never.");

    /** Whether the policy enforces, only records what it would do, or is off. */
    public enum State {
        ON("on"), REPORT_ONLY("report-only"), OFF("off");

        private final String id;

        State(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public AccessPolicy {
        findings = List.copyOf(findings);
    }

    /** What is wrong with the config, in words, each naming the field: what events, logs and what-if show. */
    public List<String> problems() {
        return findings.stream().map(PolicyProblem::message).toList();
    }

    /** What the policy demands of the sign-ins it covers: its grant, or block when it has problems. */
    public Grant demand() {
        return findings.isEmpty() ? grant : Grant.BLOCK;
    }

    /** The same policy with one more problem, e.g. a group the caller found missing from the realm. */
    public AccessPolicy withProblem(PolicyProblem problem) {
        List<PolicyProblem> all = new ArrayList<>(findings);
        all.add(problem);
        return new AccessPolicy(name, state, grant, conditions, signInFrequencyHours, rememberDeviceDays, all);
    }

    /** The same policy with one more problem of no particular field. */
    public AccessPolicy withProblem(String problem) {
        return withProblem(new PolicyProblem(null, PolicyProblem.OTHER, null, problem));
    }

    /** The same policy covering every user its exclusions leave, with one more problem: an include it cannot read. */
    public AccessPolicy includingEveryone(PolicyProblem problem) {
        return new AccessPolicy(name, state, grant, conditions.includingEveryone(), signInFrequencyHours,
                rememberDeviceDays, findings).withProblem(problem);
    }

    /** The same, for a problem of no particular field. */
    public AccessPolicy includingEveryone(String problem) {
        return includingEveryone(new PolicyProblem(null, PolicyProblem.OTHER, null, problem));
    }

    /** Problems with a config map, for save-time checks; empty when it is valid. */
    public static List<String> problems(Map<String, String> config) {
        return from("", config).problems();
    }

    /** @param name the config alias */
    public static AccessPolicy from(String name, Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<PolicyProblem> problems = new ArrayList<>();
        State state = state(c.get(STATE), problems);
        Grant grant = Grant.parse(c.get(GRANT));
        if (grant == null) {
            String typed = c.get(GRANT) == null ? "" : c.get(GRANT).trim();
            problems.add(typed.isEmpty()
                    ? new PolicyProblem(GRANT, PolicyProblem.NO_GRANT, null,
                            "Grant (" + GRANT + ") is not chosen: choose block, mfa, phishing-resistant, password-change or allow")
                    : new PolicyProblem(GRANT, PolicyProblem.BAD_GRANT, typed,
                            "Grant (" + GRANT + ") must be block, mfa, phishing-resistant, password-change or allow, not '" + typed + "'"));
            grant = Grant.BLOCK;
        }
        int before = problems.size();
        List<Cidr> networks = cidrs(c, NETWORKS, "Networks", problems);
        if (problems.size() > before) {
            networks = List.of(); // widened to anywhere: the policy blocks, so wider is safer
        }
        List<Cidr> excludedNetworks = cidrs(c, EXCLUDED_NETWORKS, "Excluded networks", problems);
        Set<ClientType> types = new LinkedHashSet<>();
        for (String t : split(c.get(CLIENT_TYPES))) {
            ClientType type = ClientType.parse(t);
            if (type == null) {
                problems.add(new PolicyProblem(CLIENT_TYPES, PolicyProblem.BAD_CLIENT_TYPE, t,
                        "Client types (" + CLIENT_TYPES + ") must be browser or direct-grant, not '" + t + "'"));
                types = null;
                break;
            }
            types.add(type);
        }
        before = problems.size();
        Set<String> countries = countries(c, COUNTRIES, "Countries", problems);
        if (problems.size() > before) {
            countries = Set.of(); // widened to anywhere, as for networks
        }
        Set<String> excludedCountries = countries(c, EXCLUDED_COUNTRIES, "Excluded countries", problems);
        RiskLevel signInRisk = risk(c, SIGN_IN_RISK, "Sign-in risk", problems);
        RiskLevel userRisk = risk(c, USER_RISK, "User risk", problems);
        Function<String, String> lower = s -> s.toLowerCase(Locale.ROOT);
        PolicyConditions conditions = new PolicyConditions(set(c, INCLUDE_USERS, lower), set(c, EXCLUDE_USERS, lower),
                set(c, INCLUDE_GROUPS, SignInFacts::groupPath), set(c, EXCLUDE_GROUPS, SignInFacts::groupPath),
                set(c, INCLUDE_ROLES, s -> s), set(c, EXCLUDE_ROLES, s -> s),
                set(c, INCLUDE_CLIENTS, s -> s), set(c, EXCLUDE_CLIENTS, s -> s),
                networks, excludedNetworks,
                types == null ? Set.of() : Set.copyOf(types), countries, excludedCountries, signInRisk, userRisk);
        for (IntSetting setting : List.of(SIGN_IN_FREQUENCY, REMEMBER_DEVICE_DAYS)) {
            String problem = setting.problem(c);
            if (problem != null) {
                problems.add(new PolicyProblem(setting.key(), PolicyProblem.BAD_NUMBER, c.get(setting.key()).trim(),
                        problem));
            }
        }
        return new AccessPolicy(name, state, grant, conditions, SIGN_IN_FREQUENCY.read(c),
                REMEMBER_DEVICE_DAYS.read(c), problems);
    }

    private static State state(String raw, List<PolicyProblem> problems) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        for (State s : State.values()) {
            if (s.id.equals(v)) {
                return s;
            }
        }
        if (!v.isEmpty()) {
            problems.add(new PolicyProblem(STATE, PolicyProblem.BAD_STATE, raw.trim(),
                    "State (" + STATE + ") must be on, report-only or off, not '" + raw.trim() + "'"));
        }
        return State.ON; // unset: on; unreadable: on, and blocking
    }

    /** The readable ranges of a key; each unreadable one is added to the problems. */
    private static List<Cidr> cidrs(Map<String, String> c, String key, String label, List<PolicyProblem> problems) {
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : split(c.get(key))) {
            try {
                ranges.add(Cidr.parse(entry));
            } catch (IllegalArgumentException e) {
                problems.add(new PolicyProblem(key, PolicyProblem.BAD_RANGE, entry, label + " (" + key + "): "
                        + e.getMessage()));
            }
        }
        return List.copyOf(ranges);
    }

    /** The readable country codes of a key, upper case; each unreadable one is added to the problems. */
    private static Set<String> countries(Map<String, String> c, String key, String label, List<PolicyProblem> problems) {
        Set<String> codes = new LinkedHashSet<>();
        for (String entry : split(c.get(key))) {
            String code = entry.toUpperCase(Locale.ROOT);
            if (COUNTRY_CODES.contains(code)) {
                codes.add(code);
            } else {
                problems.add(new PolicyProblem(key, PolicyProblem.BAD_COUNTRY, entry, label + " (" + key + "): '"
                        + entry + "' is not a two-letter ISO 3166 country code such as SE or DE"));
            }
        }
        return Set.copyOf(codes);
    }

    /** A risk threshold; unset: null (no condition); unreadable: a problem, and none (every sign-in covered). */
    private static RiskLevel risk(Map<String, String> c, String key, String label, List<PolicyProblem> problems) {
        String raw = c.get(key) == null ? "" : c.get(key).trim();
        if (raw.isEmpty()) {
            return null;
        }
        RiskLevel level = RiskLevel.parse(raw);
        if (level == null || level == RiskLevel.NONE) {
            problems.add(new PolicyProblem(key, PolicyProblem.BAD_RISK, raw, label + " (" + key
                    + ") must be low, medium or high, not '" + raw + "'"));
            return RiskLevel.NONE;
        }
        return level;
    }

    private static Set<String> countryCodes() {
        Set<String> codes = new java.util.HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        return Set.copyOf(codes);
    }

    private static Set<String> set(Map<String, String> c, String key, Function<String, String> normal) {
        return split(c.get(key)).stream().map(normal).collect(Collectors.toUnmodifiableSet());
    }

    /** Multivalued config is stored joined with "##"; admins typing by hand use commas. */
    static List<String> split(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("##|,")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
