package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mfasuite.keycloak.access.CidrTest.ip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PolicyConditionsTest {

    /** alice, an intern on staff, signs in to the portal in a browser from home. */
    static final SignInFacts ALICE = new SignInFacts("Alice", Set.of("/staff/interns"),
            Set.of("default-roles-demo", "billing/viewer"), "portal", ip("203.0.113.9"), ClientType.BROWSER);

    static AccessPolicy policy(String name, String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return AccessPolicy.from(name, config);
    }

    static SignInFacts as(String username, String... groups) {
        return new SignInFacts(username, Set.of(groups), ALICE.roles(), ALICE.clientId(), ALICE.address(),
                ALICE.clientType());
    }

    static SignInFacts withRoles(String... roles) {
        return new SignInFacts(ALICE.username(), ALICE.groups(), Set.of(roles), ALICE.clientId(), ALICE.address(),
                ALICE.clientType());
    }

    static SignInFacts from(String address) {
        return new SignInFacts(ALICE.username(), ALICE.groups(), ALICE.roles(), ALICE.clientId(),
                address == null ? null : ip(address), ALICE.clientType());
    }

    static SignInFacts via(String clientId, ClientType type) {
        return new SignInFacts(ALICE.username(), ALICE.groups(), ALICE.roles(), clientId, ALICE.address(), type);
    }

    static Condition unmet(AccessPolicy policy, SignInFacts facts) {
        return PolicyEvaluation.of(policy, facts).unmet();
    }

    @Test
    void emptyIncludesCoverEveryone() {
        assertNull(unmet(policy("everyone", "grant", "mfa"), ALICE));
        assertNull(unmet(policy("everyone", "grant", "mfa"), new SignInFacts(null, null, null, null, null,
                ClientType.DIRECT_GRANT)));
    }

    @Test
    void includedUsersAreMatchedByUsernameWithoutCase() {
        AccessPolicy p = policy("p", "grant", "mfa", "include-users", "ALICE");
        assertNull(unmet(p, ALICE));
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(p, as("bob")));
    }

    @Test
    void aGroupCoversItsSubGroupsAndNothingThatMerelyStartsLikeIt() {
        AccessPolicy staff = policy("p", "grant", "mfa", "include-groups", "/staff");
        assertNull(unmet(staff, ALICE), "an intern is in /staff through /staff/interns");
        assertNull(unmet(staff, as("bob", "/staff/interns/summer")), "any depth");
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(staff, as("carol", "/staffing")));
        AccessPolicy interns = policy("p", "grant", "mfa", "include-groups", "/staff/interns");
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(interns, as("dave", "/staff")), "not upwards");
    }

    @Test
    void anExcludedSubGroupLeavesTheRestOfTheGroupCovered() {
        AccessPolicy p = policy("p", "grant", "mfa", "include-groups", "/staff", "exclude-groups", "/staff/interns");
        assertEquals(Condition.GROUP_EXCLUDED, unmet(p, ALICE));
        assertNull(unmet(p, as("bob", "/staff")));
        assertEquals(Condition.GROUP_EXCLUDED, unmet(p, as("carol", "/staff", "/staff/interns")),
                "a member of both is excluded");
    }

    @Test
    void realmRolesAndClientRolesAreDistinct() {
        AccessPolicy clientRole = policy("p", "grant", "mfa", "include-roles", "billing/viewer");
        assertNull(unmet(clientRole, ALICE));
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(clientRole, withRoles("viewer")), "a realm role of that name");
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(clientRole, withRoles("crm/viewer")), "another client's");
        AccessPolicy realmRole = policy("p", "grant", "mfa", "include-roles", "viewer");
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(realmRole, ALICE));
        assertNull(unmet(realmRole, withRoles("viewer")));
    }

    @Test
    void includedUsersGroupsAndRolesTogetherNameWhoIsIn() {
        AccessPolicy p = policy("p", "grant", "mfa", "include-users", "bob", "include-groups", "/sales",
                "include-roles", "admin");
        assertNull(unmet(p, as("bob")));
        assertNull(unmet(p, as("carol", "/sales/north")));
        assertNull(unmet(p, withRoles("admin")));
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(p, ALICE));
    }

    @Test
    void everyExclusionWinsOverEveryInclusion() {
        String[] includeAll = {"grant", "block", "include-users", "alice", "include-groups", "/staff",
                "include-roles", "billing/viewer"};
        assertEquals(Condition.USER_EXCLUDED, unmet(with(includeAll, "exclude-users", "alice"), ALICE));
        assertEquals(Condition.GROUP_EXCLUDED, unmet(with(includeAll, "exclude-groups", "/staff"), ALICE));
        assertEquals(Condition.ROLE_EXCLUDED, unmet(with(includeAll, "exclude-roles", "billing/viewer"), ALICE));
        assertEquals(Condition.CLIENT, unmet(with(includeAll, "include-clients", "portal", "exclude-clients", "portal"), ALICE));
        assertEquals(Condition.NETWORK, unmet(with(includeAll, "networks", "203.0.113.0/24",
                "excluded-networks", "203.0.113.0/24"), ALICE));
        assertEquals(Condition.USER_EXCLUDED, unmet(policy("p", "grant", "block", "exclude-users", "alice"), ALICE),
                "also when everyone is included");
    }

    private static AccessPolicy with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return policy("p", all.toArray(String[]::new));
    }

    @Test
    void clientsAreIncludedAndExcludedById() {
        AccessPolicy included = policy("p", "grant", "mfa", "include-clients", "portal##wiki");
        assertNull(unmet(included, ALICE));
        assertEquals(Condition.CLIENT, unmet(included, via("mail", ClientType.BROWSER)));
        AccessPolicy excluded = policy("p", "grant", "mfa", "exclude-clients", "portal");
        assertEquals(Condition.CLIENT, unmet(excluded, ALICE));
        assertNull(unmet(excluded, via("wiki", ClientType.BROWSER)));
    }

    @Test
    void networksMatchIpv4AndIpv6() {
        AccessPolicy p = policy("p", "grant", "block", "networks", "198.51.100.0/24##2001:db8::/32");
        assertNull(unmet(p, from("198.51.100.20")));
        assertNull(unmet(p, from("2001:db8:1::20")));
        assertNull(unmet(p, from("::ffff:198.51.100.20")), "IPv4-mapped");
        assertEquals(Condition.NETWORK, unmet(p, from("2001:db9::1")));
        assertEquals(Condition.NETWORK, unmet(p, from("203.0.113.9")));
        assertEquals(Condition.NETWORK, unmet(p, from(null)), "an unknown address is in no network");
    }

    @Test
    void excludedNetworksWinOverOverlappingNetworks() {
        AccessPolicy p = policy("p", "grant", "block", "networks", "10.0.0.0/8##10.1.0.0/16",
                "excluded-networks", "10.1.2.0/24##2001:db8:1::/48");
        assertNull(unmet(p, from("10.1.3.4")), "in two overlapping ranges: still just applies");
        assertNull(unmet(p, from("10.200.0.1")));
        assertEquals(Condition.NETWORK, unmet(p, from("10.1.2.3")), "inside both, excluded wins");
        AccessPolicy v6 = policy("p", "grant", "block", "networks", "2001:db8::/32", "excluded-networks", "2001:db8:1::/48");
        assertNull(unmet(v6, from("2001:db8:2::1")));
        assertEquals(Condition.NETWORK, unmet(v6, from("2001:db8:1::1")));
        AccessPolicy anywhereBut = policy("p", "grant", "block", "excluded-networks", "198.51.100.0/24");
        assertNull(unmet(anywhereBut, from(null)), "an unknown address is outside the trusted network");
    }

    @Test
    void clientTypesLimitThePolicyToBrowserOrDirectGrant() {
        AccessPolicy legacy = policy("p", "grant", "block", "client-types", "direct-grant");
        assertEquals(Condition.CLIENT_TYPE, unmet(legacy, ALICE));
        assertNull(unmet(legacy, via("portal", ClientType.DIRECT_GRANT)));
        assertNull(unmet(policy("p", "grant", "block"), via("portal", ClientType.DIRECT_GRANT)), "empty: all");
    }

    @Test
    void theFirstUnmetConditionIsNamed() {
        AccessPolicy p = policy("p", "state", "off", "grant", "mfa", "include-users", "bob", "include-clients", "wiki",
                "networks", "198.51.100.0/24", "client-types", "direct-grant");
        assertEquals(Condition.STATE_OFF, unmet(p, ALICE));
        assertEquals(Condition.USER_NOT_INCLUDED, unmet(policy("p", "grant", "mfa", "include-users", "bob",
                "include-clients", "wiki"), ALICE));
        assertEquals(Condition.CLIENT, unmet(policy("p", "grant", "mfa", "include-clients", "wiki",
                "networks", "198.51.100.0/24"), ALICE));
        assertEquals(Condition.NETWORK, unmet(policy("p", "grant", "mfa", "networks", "198.51.100.0/24",
                "client-types", "direct-grant"), ALICE));
    }
}
