package org.mfasuite.keycloak.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mfasuite.keycloak.access.AccessPolicy;
import org.mfasuite.keycloak.access.Cidr;
import org.mfasuite.keycloak.access.ClientType;
import org.mfasuite.keycloak.access.SignInFacts;
import org.mfasuite.keycloak.core.Grant;

/**
 * A realistic set of conditional-access policies, the same for every case that needs one: ten kinds, repeated
 * with different departments, networks and clients. Users, groups and roles are named as a large realm would
 * name them; every group and role a policy names exists in the benchmark realm (one that did not would make
 * the policy fail closed).
 * <p>
 * The staff member signing in from the office ({@link #OFFICE}) is covered by the allow and report-only
 * policies only, so that sign-in needs no second factor: the login benchmark compares password-only sign-ins.
 */
final class PolicyMix {

    static final String OFFICE_V4 = "198.51.100.7";
    static final String OFFICE_V6 = "2001:db8:ffff::7";
    static final String HOME = "203.0.113.9";
    /** The group the benchmark users are in. */
    static final String STAFF_GROUP = "/staff/engineering";

    private static final int KINDS = 10;

    private PolicyMix() {
    }

    /** {@code count} policy configs by alias, in flow order. */
    static Map<String, Map<String, String>> configs(int count) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int k = i / KINDS % 20;
            String d = String.format(Locale.ROOT, "%02d", k);
            Map<String, String> c = new LinkedHashMap<>();
            String name;
            switch (i % KINDS) {
                case 0 -> {
                    name = "mfa-dept-" + d;
                    put(c, "grant", "mfa", "include-groups", "/dept-" + d + "##/dept-" + d + "/managers",
                            "exclude-users", "breakglass-" + d, "sign-in-frequency", "12");
                }
                case 1 -> {
                    name = "mfa-role-" + d;
                    put(c, "grant", "mfa", "include-roles", "role-" + d, "exclude-groups", "/contractors",
                            "remember-device-days", "30");
                }
                case 2 -> {
                    name = "block-legacy-" + d;
                    put(c, "grant", "block", "include-clients", "legacy-app-" + d + "##old-portal-" + d,
                            "client-types", "browser##direct-grant");
                }
                case 3 -> {
                    name = "mfa-branch-" + d;
                    put(c, "grant", "mfa", "include-users", "user-" + d + "-a##user-" + d + "-b##user-" + d + "-c",
                            "networks", "10." + k + ".0.0/16##192.168." + k + ".0/24##172.16." + k + ".0/24");
                }
                case 4 -> {
                    name = "strong-admins-" + d;
                    put(c, "grant", "phishing-resistant", "include-groups", "/admins-" + d,
                            "networks", "2001:db8:" + Integer.toHexString(k) + "::/48##fd00:" + Integer.toHexString(k)
                                    + "::/32");
                }
                case 5 -> {
                    name = "mfa-outside-office-" + d;
                    put(c, "grant", "mfa", "exclude-users", "breakglass-" + d,
                            "excluded-networks", "198.51.100.0/24##2001:db8:ffff::/48##127.0.0.0/8##::1");
                }
                case 6 -> {
                    name = "trial-mfa-staff-" + d;
                    put(c, "state", "report-only", "grant", "mfa", "include-groups", "/staff",
                            "exclude-roles", "role-" + d);
                }
                case 7 -> {
                    name = "retired-block-" + d;
                    put(c, "state", "off", "grant", "block", "include-users", "former-" + d);
                }
                case 8 -> {
                    name = "allow-office-" + d;
                    put(c, "grant", "allow", "include-groups", "/staff", "exclude-roles", "role-" + d,
                            "networks", "198.51.100.0/24##2001:db8:ffff::/48");
                }
                default -> {
                    name = "mfa-legacy-staff-" + d;
                    put(c, "grant", "mfa", "include-groups", "/staff", "client-types", "direct-grant",
                            "exclude-clients", "mail-" + d);
                }
            }
            configs.put(String.format(Locale.ROOT, "p%03d-%s", i, name), c);
        }
        return configs;
    }

    /** The group paths the policies name, parents first: the realm must hold them all. */
    static Set<String> groups(Map<String, Map<String, String>> configs) {
        Set<String> paths = new TreeSet<>(List.of(STAFF_GROUP));
        for (Map<String, String> c : configs.values()) {
            for (String key : List.of("include-groups", "exclude-groups")) {
                paths.addAll(split(c.get(key)));
            }
        }
        return paths;
    }

    /** The realm roles the policies name. */
    static Set<String> roles(Map<String, Map<String, String>> configs) {
        Set<String> roles = new TreeSet<>();
        for (Map<String, String> c : configs.values()) {
            for (String key : List.of("include-roles", "exclude-roles")) {
                roles.addAll(split(c.get(key)));
            }
        }
        return roles;
    }

    /** The clients the policies name: the realm has them, or every policy naming one would have a problem. */
    static Set<String> clients(Map<String, Map<String, String>> configs) {
        Set<String> clients = new TreeSet<>();
        for (Map<String, String> c : configs.values()) {
            for (String key : List.of("include-clients", "exclude-clients")) {
                clients.addAll(split(c.get(key)));
            }
        }
        return clients;
    }

    static List<AccessPolicy> parse(Map<String, Map<String, String>> configs) {
        List<AccessPolicy> policies = new ArrayList<>(configs.size());
        configs.forEach((alias, config) -> policies.add(AccessPolicy.from(alias, config)));
        return policies;
    }

    /** One sign-in the evaluation case times, with the decision the policies must reach for it. */
    record SignIn(String label, SignInFacts facts, Grant expected) {
    }

    /** Sign-ins that reach every decision; the first is the one the login benchmark makes. */
    static List<SignIn> signIns() {
        return List.of(
                new SignIn("staff, office, IPv4", facts("bench-1", Set.of(STAFF_GROUP), Set.of(), "bench-policies",
                        OFFICE_V4, ClientType.BROWSER), Grant.ALLOW),
                new SignIn("staff, office, IPv6", facts("bench-2", Set.of(STAFF_GROUP), Set.of(), "bench-policies",
                        OFFICE_V6, ClientType.BROWSER), Grant.ALLOW),
                new SignIn("staff, home", facts("bench-3", Set.of(STAFF_GROUP), Set.of(), "bench-policies",
                        HOME, ClientType.BROWSER), Grant.MFA),
                new SignIn("branch user, branch network", facts("user-03-a", Set.of(), Set.of(), "portal",
                        "10.3.4.5", ClientType.BROWSER), Grant.MFA),
                new SignIn("admin, admin network, IPv6", facts("root-4", Set.of("/admins-04"), Set.of("role-04"),
                        "portal", "2001:db8:4::1", ClientType.BROWSER), Grant.PHISHING_RESISTANT),
                new SignIn("legacy client, direct grant", facts("svc-7", Set.of(), Set.of(), "legacy-app-07",
                        "203.0.113.50", ClientType.DIRECT_GRANT), Grant.BLOCK));
    }

    private static SignInFacts facts(String user, Set<String> groups, Set<String> roles, String client,
                                     String address, ClientType type) {
        return new SignInFacts(user, groups, roles, client, Cidr.address(address), type);
    }

    private static void put(Map<String, String> config, String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : List.of(joined.split("##"));
    }
}
