package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;

class AccessPolicyTest {

    @Test
    void aPolicyReadsEveryKeyOfTheContract() {
        AccessPolicy p = AccessPolicy.from("staff-mfa", Map.ofEntries(
                Map.entry("state", "report-only"), Map.entry("grant", "phishing-resistant"),
                Map.entry("include-users", "Alice##bob"), Map.entry("exclude-users", "carol"),
                Map.entry("include-groups", "/staff##sales/"), Map.entry("exclude-groups", "/staff/interns"),
                Map.entry("include-roles", "admin##billing/manager"), Map.entry("exclude-roles", "break-glass"),
                Map.entry("include-clients", "portal"), Map.entry("exclude-clients", "legacy-app"),
                Map.entry("networks", "198.51.100.0/24##2001:db8::/32"), Map.entry("excluded-networks", "198.51.100.7"),
                Map.entry("client-types", "browser##direct-grant"), Map.entry("sign-in-frequency", "12"),
                Map.entry("remember-device-days", "30")));
        assertEquals("staff-mfa", p.name());
        assertEquals(AccessPolicy.State.REPORT_ONLY, p.state());
        assertEquals(Grant.PHISHING_RESISTANT, p.demand());
        PolicyConditions c = p.conditions();
        assertEquals(Set.of("alice", "bob"), c.includeUsers(), "usernames compare without case");
        assertEquals(Set.of("carol"), c.excludeUsers());
        assertEquals(Set.of("/staff", "/sales"), c.includeGroups(), "paths are normalised");
        assertEquals(Set.of("/staff/interns"), c.excludeGroups());
        assertEquals(Set.of("admin", "billing/manager"), c.includeRoles());
        assertEquals(Set.of("break-glass"), c.excludeRoles());
        assertEquals(Set.of("portal"), c.includeClients());
        assertEquals(Set.of("legacy-app"), c.excludeClients());
        assertEquals(List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")), c.networks());
        assertEquals(List.of(Cidr.parse("198.51.100.7/32")), c.excludedNetworks());
        assertEquals(Set.of(ClientType.BROWSER, ClientType.DIRECT_GRANT), c.clientTypes());
        assertEquals(12, p.signInFrequencyHours());
        assertEquals(30, p.rememberDeviceDays());
        assertTrue(p.problems().isEmpty());
    }

    @Test
    void handTypedListsUseCommas() {
        PolicyConditions c = AccessPolicy.from("p", Map.of("grant", "mfa", "include-users", " alice , bob,",
                "networks", "198.51.100.0/24, 203.0.113.0/24")).conditions();
        assertEquals(Set.of("alice", "bob"), c.includeUsers());
        assertEquals(2, c.networks().size());
    }

    @Test
    void defaultsAreOnAndNoLimits() {
        AccessPolicy p = AccessPolicy.from("p", Map.of("grant", "mfa"));
        assertEquals(AccessPolicy.State.ON, p.state());
        assertEquals(PolicyConditions.EVERYONE, p.conditions());
        assertEquals(0, p.signInFrequencyHours());
        assertEquals(0, p.rememberDeviceDays());
        assertEquals(List.of(), AccessPolicy.problems(Map.of("grant", "allow")));
    }

    @Test
    void problemsNameTheFieldAndWhatItTakes() {
        assertEquals(List.of(
                        "State (state) must be on, report-only or off, not 'maybe'",
                        "Grant (grant) must be block, mfa, phishing-resistant, password-change or allow, not 'sms'",
                        "Networks (networks): '10.0.0.0/33' needs a prefix length from 0 to 32 (a range such as "
                                + "198.51.100.0/24 or 2001:db8::/32, or one address)",
                        "Excluded networks (excluded-networks): 'office' is not an IP address (a range such as "
                                + "198.51.100.0/24 or 2001:db8::/32, or one address)",
                        "Client types (client-types) must be browser or direct-grant, not 'mobile'",
                        "Sign-in frequency (hours) (sign-in-frequency) must be a whole number from 0 to 8760",
                        "Remember device (days) (remember-device-days) must be a whole number from 0 to 365"),
                AccessPolicy.problems(Map.of("state", "maybe", "grant", "sms", "networks", "10.0.0.0/33",
                        "excluded-networks", "office", "client-types", "mobile", "sign-in-frequency", "-1",
                        "remember-device-days", "366")));
        assertEquals(List.of("Grant (grant) is not chosen: choose block, mfa, phishing-resistant, password-change or allow"),
                AccessPolicy.problems(null));
        assertEquals(List.of("Grant (grant) must be block, mfa, phishing-resistant, password-change or allow, not 'none'"),
                AccessPolicy.problems(Map.of("grant", "none")), "none is a decision, not a grant");
    }

    @Test
    void aBrokenPolicyDemandsBlockAndWidensWhatItCannotRead() {
        AccessPolicy p = AccessPolicy.from("p", Map.of("grant", "allow", "networks", "198.51.100.0/24##office",
                "excluded-networks", "203.0.113.0/24##nope", "client-types", "browser##mobile"));
        assertEquals(Grant.ALLOW, p.grant());
        assertEquals(Grant.BLOCK, p.demand());
        assertEquals(List.of(), p.conditions().networks(), "anywhere, not only the readable range");
        assertEquals(List.of(Cidr.parse("203.0.113.0/24")), p.conditions().excludedNetworks(),
                "readable exclusions still hold");
        assertEquals(Set.of(), p.conditions().clientTypes(), "every type");
    }

    @Test
    void theCallerCanAddProblemsItFinds() {
        AccessPolicy p = AccessPolicy.from("p", Map.of("grant", "mfa")).withProblem("Group /nope does not exist");
        assertEquals(Grant.BLOCK, p.demand());
        assertEquals(List.of("Group /nope does not exist"), p.problems());
    }
}
