package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.access.CidrTest.ip;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.ALICE;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.as;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.from;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.policy;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.withRoles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.RiskLevel;

class AccessPoliciesTest {

    private static final AccessPolicy MFA = policy("mfa-all", "grant", "mfa");
    private static final AccessPolicy STRONG = policy("strong-all", "grant", "phishing-resistant");
    private static final AccessPolicy BLOCK = policy("block-all", "grant", "block");
    private static final AccessPolicy ALLOW = policy("allow-all", "grant", "allow");

    private static Grant grant(SignInFacts facts, AccessPolicy... policies) {
        return AccessPolicies.evaluate(List.of(policies), facts).grant();
    }

    @Test
    void withoutApplyingPoliciesTheDecisionIsNone() {
        assertEquals(Grant.NONE, grant(ALICE));
        AccessDecision decision = AccessPolicies.evaluate(List.of(policy("bob-only", "grant", "block",
                "include-users", "bob")), ALICE);
        assertEquals(Grant.NONE, decision.grant());
        assertEquals(List.of(), decision.policies());
        assertEquals(1, decision.evaluations().size());
        assertEquals(Condition.USER_NOT_INCLUDED, decision.evaluations().get(0).unmet());
    }

    @Test
    void blockWinsOverEveryOtherGrant() {
        assertEquals(Grant.BLOCK, grant(ALICE, ALLOW, MFA, STRONG, BLOCK));
        assertEquals(Grant.BLOCK, grant(ALICE, BLOCK, ALLOW));
        AccessPolicy legacy = policy("legacy", "grant", "block", "client-types", "browser");
        AccessDecision decision = AccessPolicies.evaluate(List.of(MFA, legacy, BLOCK), ALICE);
        assertEquals(List.of("block-all", "legacy"), decision.decidingPolicies(), "named on the block page");
        assertEquals(List.of("block-all", "legacy", "mfa-all"), decision.policies());
    }

    @Test
    void theStrongestRequirementWins() {
        assertEquals(Grant.PHISHING_RESISTANT, grant(ALICE, MFA, STRONG));
        assertEquals(Grant.PHISHING_RESISTANT, grant(ALICE, STRONG, MFA, ALLOW));
        assertEquals(Grant.MFA, grant(ALICE, ALLOW, MFA));
    }

    @Test
    void allowOnlyWhenNoApplyingPolicyRequiresMore() {
        AccessPolicy staffMfa = policy("staff-mfa", "grant", "mfa", "include-groups", "/staff");
        AccessPolicy office = policy("office", "grant", "allow", "networks", "198.51.100.0/24");
        AccessPolicy adminsAlways = policy("admins-always", "grant", "mfa", "include-roles", "realm-admin");
        List<AccessPolicy> all = List.of(staffMfa, office, adminsAlways);
        assertEquals(Grant.MFA, AccessPolicies.evaluate(all, from("203.0.113.9")).grant(), "from home");
        AccessDecision inOffice = AccessPolicies.evaluate(all, from("198.51.100.20"));
        assertEquals(Grant.MFA, inOffice.grant(), "allow does not lift another policy's requirement");
        assertEquals(List.of("office", "staff-mfa"), inOffice.policies());
        // the usual shape: the requirement excludes the trusted network, the allow policy covers it
        AccessPolicy staffOutside = policy("staff-outside", "grant", "mfa", "include-groups", "/staff",
                "excluded-networks", "198.51.100.0/24");
        assertEquals(Grant.ALLOW, grant(from("198.51.100.20"), staffOutside, office, adminsAlways));
        assertEquals(Grant.MFA, grant(from("203.0.113.9"), staffOutside, office, adminsAlways));
        SignInFacts adminInOffice = new SignInFacts("root", Set.of(), Set.of("realm-admin"),
                "portal", ip("198.51.100.20"), ClientType.BROWSER);
        assertEquals(Grant.MFA, grant(adminInOffice, staffOutside, office, adminsAlways));
    }

    @Test
    void reportOnlyPoliciesAreRecordedAndNeverEnforced() {
        AccessPolicy wouldBlock = policy("trial-block", "state", "report-only", "grant", "block");
        AccessPolicy wouldStrong = policy("trial-strong", "state", "report-only", "grant", "phishing-resistant");
        AccessPolicy notCovering = policy("trial-bob", "state", "report-only", "grant", "block", "include-users", "bob");
        AccessDecision decision = AccessPolicies.evaluate(List.of(wouldBlock, wouldStrong, notCovering, MFA), ALICE);
        assertEquals(Grant.MFA, decision.grant());
        assertEquals(List.of("mfa-all"), decision.policies());
        assertEquals(Map.of("trial-block", Grant.BLOCK, "trial-strong", Grant.PHISHING_RESISTANT), decision.reportOnly());
        assertEquals("trial-block=block,trial-strong=phishing-resistant", decision.reportOnlyDetail());
        assertEquals(Grant.NONE, grant(ALICE, wouldBlock), "alone it changes nothing");
    }

    @Test
    void anOffPolicyDoesNothingEvenWhenBroken() {
        AccessPolicy off = policy("off", "state", "off", "grant", "nonsense");
        AccessDecision decision = AccessPolicies.evaluate(List.of(off), ALICE);
        assertEquals(Grant.NONE, decision.grant());
        assertEquals(Condition.STATE_OFF, decision.evaluations().get(0).unmet());
    }

    @Test
    void aMalformedPolicyBlocksTheUsersItCoversAndSaysWhy() {
        AccessPolicy broken = policy("office-allow", "grant", "allow", "networks", "198.51.100.0/24##office-lan",
                "exclude-users", "break-glass");
        AccessDecision decision = AccessPolicies.evaluate(List.of(broken, MFA), from("198.51.100.20"));
        assertTrue(decision.blocked());
        assertEquals(List.of("mfa-all", "office-allow"), decision.policies());
        PolicyEvaluation evaluation = decision.evaluations().get(0);
        assertEquals(Grant.BLOCK, evaluation.demand());
        assertEquals(List.of("Networks (networks): 'office-lan' is not an IP address (a range such as "
                + "198.51.100.0/24 or 2001:db8::/32, or one address)"), evaluation.problems());
        assertEquals(Grant.BLOCK, grant(from("203.0.113.9"), broken), "widened: from anywhere");
        assertEquals(Grant.NONE, grant(as("break-glass"), broken), "exclusions still hold");
        assertEquals(Grant.BLOCK, grant(ALICE, policy("p", "grant", "mfa", "remember-device-days", "400")),
                "an out-of-range number too");
        assertEquals(Grant.BLOCK, grant(ALICE, policy("p", "grant", "mfa", "client-types", "browser##app")));
        assertEquals(Grant.BLOCK, grant(ALICE, policy("p")), "no grant at all");
        AccessPolicy reportOnly = policy("p", "state", "report-only", "grant", "sms");
        assertEquals(Grant.NONE, grant(ALICE, reportOnly));
        assertEquals(Map.of("p", Grant.BLOCK), AccessPolicies.evaluate(List.of(reportOnly), ALICE).reportOnly());
    }

    @Test
    void signInFrequencyAndRememberedDevicesTakeTheStrictestRequiringPolicy() {
        AccessPolicy daily = policy("daily", "grant", "mfa", "sign-in-frequency", "24", "remember-device-days", "30");
        AccessPolicy hourly = policy("hourly", "grant", "phishing-resistant", "sign-in-frequency", "1",
                "remember-device-days", "7");
        AccessPolicy noLimit = policy("no-limit", "grant", "mfa", "remember-device-days", "90");
        AccessPolicy allowFast = policy("allow", "grant", "allow", "sign-in-frequency", "1");
        AccessPolicy trial = policy("trial", "state", "report-only", "grant", "mfa", "sign-in-frequency", "1");
        AccessPolicy bobs = policy("bobs", "grant", "mfa", "include-users", "bob", "sign-in-frequency", "1");
        AccessDecision decision = AccessPolicies.evaluate(List.of(daily, noLimit, allowFast, trial, bobs), ALICE);
        assertEquals(24, decision.signInFrequencyHours(), "allow, report-only and other users' policies do not count");
        assertEquals(30, decision.rememberDeviceDays());
        decision = AccessPolicies.evaluate(List.of(daily, hourly, noLimit), ALICE);
        assertEquals(1, decision.signInFrequencyHours());
        assertEquals(7, decision.rememberDeviceDays());
        decision = AccessPolicies.evaluate(List.of(daily, MFA), ALICE);
        assertEquals(0, decision.rememberDeviceDays(), "a policy that does not allow remembering wins");
        assertEquals(0, AccessPolicies.evaluate(List.of(allowFast), ALICE).signInFrequencyHours());
    }

    @Test
    void aPasswordChangeIsASecondFactorAndANewPasswordBesideTheStrongestFactor() {
        AccessPolicy change = policy("risky-users", "grant", "password-change", "remember-device-days", "30",
                "sign-in-frequency", "8");
        AccessDecision alone = AccessPolicies.evaluate(List.of(change, ALLOW), ALICE);
        assertEquals(Grant.MFA, alone.grant(), "a second factor of any kind");
        assertTrue(alone.passwordChange());
        assertEquals(0, alone.rememberDeviceDays(), "a remembered device never stands in for it");
        assertEquals(8, alone.signInFrequencyHours());
        assertEquals(List.of("risky-users"), alone.decidingPolicies());
        AccessDecision strong = AccessPolicies.evaluate(List.of(change, STRONG), ALICE);
        assertEquals(Grant.PHISHING_RESISTANT, strong.grant(), "the strongest factor, then the password");
        assertTrue(strong.passwordChange());
        assertEquals(List.of("risky-users", "strong-all"), strong.decidingPolicies());
        AccessDecision blocked = AccessPolicies.evaluate(List.of(change, BLOCK), ALICE);
        assertEquals(Grant.BLOCK, blocked.grant(), "block still wins");
        assertEquals(List.of("block-all"), blocked.decidingPolicies());
        assertFalse(blocked.forSignIn("u", "f", "c").passwordChange(), "nothing to change on a blocked sign-in");
        assertFalse(AccessPolicies.evaluate(List.of(MFA), ALICE).passwordChange());
        AccessPolicy trial = policy("trial", "state", "report-only", "grant", "password-change");
        AccessDecision reportOnly = AccessPolicies.evaluate(List.of(trial), ALICE);
        assertFalse(reportOnly.passwordChange(), "report-only never demands it");
        assertEquals(Map.of("trial", Grant.PASSWORD_CHANGE), reportOnly.reportOnly());
        assertTrue(alone.forSignIn("u", "f", "c").passwordChange());
    }

    @Test
    void aPolicyThatCoversTheSignInByRiskAndDemandsAFactorMakesItRiskDriven() {
        SignInFacts risky = ALICE.withRisk(RiskLevel.HIGH, RiskLevel.HIGH);
        AccessPolicy userRisk = policy("risky-users", "grant", "mfa", "user-risk", "high");
        AccessPolicy signInRisk = policy("risky-sign-ins", "grant", "phishing-resistant", "sign-in-risk", "medium");
        assertTrue(AccessPolicies.evaluate(List.of(userRisk, ALLOW), risky).forSignIn("u", "f", "c").riskDriven());
        assertTrue(AccessPolicies.evaluate(List.of(signInRisk), risky).forSignIn("u", "f", "c").riskDriven());
        assertTrue(AccessPolicies.evaluate(List.of(policy("change", "grant", "password-change", "user-risk", "high")),
                risky).riskDriven());
        assertFalse(AccessPolicies.evaluate(List.of(userRisk), ALICE).riskDriven(), "not covered: no risk");
        assertFalse(AccessPolicies.evaluate(List.of(MFA), risky).riskDriven(), "covered, but not because of risk");
        assertFalse(AccessPolicies.evaluate(List.of(policy("allow-risky", "grant", "allow", "user-risk", "high")),
                risky).riskDriven(), "no factor demanded");
        assertFalse(AccessPolicies.evaluate(List.of(policy("trial", "state", "report-only", "grant", "mfa",
                "user-risk", "high")), risky).riskDriven(), "report-only never enforces");
        assertFalse(AccessPolicies.evaluate(List.of(userRisk, BLOCK), risky).forSignIn("u", "f", "c").riskDriven(),
                "nothing to register on a blocked sign-in");
    }

    @Test
    void theOrderOfPoliciesDoesNotChangeTheDecision() {
        List<AccessPolicy> policies = new ArrayList<>(List.of(MFA, STRONG, ALLOW,
                policy("staff-block-legacy", "grant", "block", "include-groups", "/staff", "client-types", "direct-grant"),
                policy("trial", "state", "report-only", "grant", "block"),
                policy("office", "grant", "allow", "networks", "203.0.113.0/24"),
                policy("freq", "grant", "mfa", "sign-in-frequency", "8", "remember-device-days", "14"),
                policy("off", "state", "off", "grant", "block")));
        AccessDecision first = AccessPolicies.evaluate(policies, ALICE);
        Random random = new Random(6);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(policies, random);
            AccessDecision shuffled = AccessPolicies.evaluate(policies, ALICE);
            assertEquals(first.grant(), shuffled.grant());
            assertEquals(first.policies(), shuffled.policies());
            assertEquals(first.reportOnly(), shuffled.reportOnly());
            assertEquals(first.signInFrequencyHours(), shuffled.signInFrequencyHours());
            assertEquals(first.rememberDeviceDays(), shuffled.rememberDeviceDays());
            assertEquals(first.policiesDetail(), shuffled.policiesDetail());
        }
        assertEquals(Grant.PHISHING_RESISTANT, first.grant());
        assertEquals("allow-all,freq,mfa-all,office,strong-all", first.policiesDetail());
    }

    @Test
    void twoHundredPoliciesEvaluate() {
        List<AccessPolicy> policies = new ArrayList<>();
        String[] grants = {"allow", "mfa", "phishing-resistant", "block"};
        for (int i = 0; i < 200; i++) {
            policies.add(policy("policy-" + i, "grant", grants[i % 4], "include-groups", "/team-" + i,
                    "exclude-roles", "role-" + i, "networks", "10." + i + ".0.0/16##2001:db8:" + i + "::/48",
                    "client-types", i % 2 == 0 ? "browser" : "direct-grant"));
        }
        AccessDecision decision = AccessPolicies.evaluate(policies, as("alice", "/team-5/sub", "/team-6"));
        assertEquals(200, decision.evaluations().size());
        assertEquals(Grant.NONE, decision.grant(), "from 203.0.113.9 no policy's network matches");
        SignInFacts inTeam6 = new SignInFacts("alice", Set.of("/team-6"), Set.of(), "portal",
                ip("10.6.1.1"), ClientType.BROWSER);
        assertEquals(List.of("policy-6"), AccessPolicies.evaluate(policies, inTeam6).policies());
        assertFalse(AccessPolicies.evaluate(policies, withRoles("role-6")).blocked());
    }
}
