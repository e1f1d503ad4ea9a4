package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfasuite.keycloak.access.CidrTest.ip;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Replaying past sign-ins against one policy: each judged by the evaluation's own conditions and demand. */
class PolicyImpactTest {

    private static SignInFacts signIn(String user, String group, String address, ClientType type) {
        return new SignInFacts(user, group == null ? Set.of() : Set.of(group), Set.of(), "portal", ip(address), type);
    }

    @Test
    void eachSignInIsJudgedAsThePolicyWouldJudgeItIfItWereOn() {
        AccessPolicy staffMfa = AccessPolicy.from("staff mfa", Map.of("state", "off", "grant", "mfa",
                "include-groups", "/staff", "excluded-networks", "198.51.100.0/24"));
        assertEquals(PolicyImpact.Outcome.SECOND_FACTOR,
                PolicyImpact.outcome(staffMfa, signIn("sam", "/staff/it", "203.0.113.5", ClientType.BROWSER)),
                "an off policy is replayed as if on: that is the point of looking before switching it on");
        assertEquals(PolicyImpact.Outcome.NOT_COVERED,
                PolicyImpact.outcome(staffMfa, signIn("sam", "/staff", "198.51.100.9", ClientType.BROWSER)));
        assertEquals(PolicyImpact.Outcome.NOT_COVERED,
                PolicyImpact.outcome(staffMfa, signIn("alice", null, "203.0.113.5", ClientType.BROWSER)));
        AccessPolicy legacy = AccessPolicy.from("legacy", Map.of("grant", "block", "client-types", "direct-grant"));
        assertEquals(PolicyImpact.Outcome.BLOCKED,
                PolicyImpact.outcome(legacy, signIn("alice", null, "203.0.113.5", ClientType.DIRECT_GRANT)));
        assertEquals(PolicyImpact.Outcome.NOT_COVERED,
                PolicyImpact.outcome(legacy, signIn("alice", null, "203.0.113.5", ClientType.BROWSER)));
        AccessPolicy office = AccessPolicy.from("office", Map.of("grant", "allow", "networks", "198.51.100.0/24"));
        assertEquals(PolicyImpact.Outcome.ALLOWED,
                PolicyImpact.outcome(office, signIn("alice", null, "198.51.100.1", ClientType.BROWSER)));
    }

    @Test
    void aBrokenPolicyWouldBlockWhatItCovers() {
        AccessPolicy typo = AccessPolicy.from("typo", Map.of("grant", "mfa", "networks", "198.51.100.0/24##office"));
        assertEquals(PolicyImpact.Outcome.BLOCKED,
                PolicyImpact.outcome(typo, signIn("alice", null, "203.0.113.5", ClientType.BROWSER)),
                "an unreadable range widens the policy to anywhere, and a policy with problems blocks");
    }

    @Test
    void theTallyCountsOutcomesAndNamesTheUsersMostAffectedFirst() {
        PolicyImpact tally = new PolicyImpact();
        tally.add("u-bob", PolicyImpact.Outcome.BLOCKED);
        tally.add("u-sam", PolicyImpact.Outcome.SECOND_FACTOR);
        tally.add("u-sam", PolicyImpact.Outcome.SECOND_FACTOR);
        tally.add("u-sam", PolicyImpact.Outcome.BLOCKED);
        tally.add("u-alice", PolicyImpact.Outcome.NOT_COVERED);
        tally.add("u-ann", PolicyImpact.Outcome.ALLOWED);
        tally.skip();
        assertEquals(6, tally.replayed());
        assertEquals(2, tally.count(PolicyImpact.Outcome.BLOCKED));
        assertEquals(2, tally.count(PolicyImpact.Outcome.SECOND_FACTOR));
        assertEquals(1, tally.count(PolicyImpact.Outcome.NOT_COVERED));
        assertEquals(1, tally.skipped());
        assertEquals(List.of(new PolicyImpact.UserCount("u-sam", 1, 2, 0), new PolicyImpact.UserCount("u-ann", 0, 0, 1),
                new PolicyImpact.UserCount("u-bob", 1, 0, 0)), tally.topUsers(10),
                "users not covered are not listed; ties by user id");
        assertEquals(1, tally.topUsers(1).size());
    }

    @Test
    void everyProblemNamesItsFieldAndKind() {
        AccessPolicy p = AccessPolicy.from("p", Map.of("state", "maybe", "networks", "10.0.0.0/33",
                "client-types", "mobile", "sign-in-frequency", "-1"));
        assertEquals(List.of(
                        new PolicyProblem("state", PolicyProblem.BAD_STATE, "maybe", p.problems().get(0)),
                        new PolicyProblem("grant", PolicyProblem.NO_GRANT, null, p.problems().get(1)),
                        new PolicyProblem("networks", PolicyProblem.BAD_RANGE, "10.0.0.0/33", p.problems().get(2)),
                        new PolicyProblem("client-types", PolicyProblem.BAD_CLIENT_TYPE, "mobile", p.problems().get(3)),
                        new PolicyProblem("sign-in-frequency", PolicyProblem.BAD_NUMBER, "-1", p.problems().get(4))),
                p.findings());
        assertEquals("bad-grant", AccessPolicy.from("p", Map.of("grant", "sms")).findings().get(0).code());
    }
}
