package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.access.CidrTest.ip;
import static org.mfasuite.keycloak.access.PolicyConditionsTest.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.core.Grant;

class WhatIfAnswerTest {

    /** The demo realm's policies. */
    private static final List<AccessPolicy> DEMO = List.of(
            policy("block legacy-reports", "state", "on", "grant", "block", "include-clients", "legacy-reports"),
            policy("staff need mfa", "state", "on", "grant", "mfa", "include-groups", "/staff",
                    "excluded-networks", "198.51.100.0/24", "remember-device-days", "30"),
            policy("office network", "state", "on", "grant", "allow", "networks", "198.51.100.0/24"),
            policy("report only - mfa for everyone", "state", "report-only", "grant", "mfa"));

    private static WhatIfAnswer ask(String username, Set<String> groups, String clientId, String address,
                                    ClientType type) {
        SignInFacts facts = new SignInFacts(username, groups, Set.of(), clientId, ip(address), type);
        return WhatIfAnswer.of(username, clientId, address, type, "browser with mfa",
                AccessPolicies.evaluate(DEMO, facts));
    }

    @Test
    void staffFromHomeNeedMfaAndTheAnswerSaysWhichPolicyAndWhyTheOthersDoNotApply() {
        WhatIfAnswer answer = ask("sam", Set.of("/staff"), "portal", "203.0.113.9", ClientType.BROWSER);

        assertEquals("mfa", answer.grant());
        assertEquals(List.of("staff need mfa"), answer.policies());
        assertEquals(Map.of("report only - mfa for everyone", "mfa"), answer.reportOnly());
        assertEquals(List.of("staff need mfa"), answer.decidingPolicies());
        assertEquals(30, answer.rememberDeviceDays());
        assertEquals(0, answer.signInFrequencyHours());
        assertEquals("browser", answer.clientType());
        assertEquals("browser with mfa", answer.flow());

        List<WhatIfAnswer.Evaluation> e = answer.evaluations();
        assertEquals(List.of("block legacy-reports", "staff need mfa", "office network", "report only - mfa for everyone"),
                e.stream().map(WhatIfAnswer.Evaluation::name).toList(), "in the flow's order");
        assertEquals(new WhatIfAnswer.Evaluation("block legacy-reports", "on", false, "client", "block", List.of()),
                e.get(0));
        assertEquals(new WhatIfAnswer.Evaluation("staff need mfa", "on", true, null, "mfa", List.of()), e.get(1));
        assertEquals("network", e.get(2).unmetCondition());
        assertEquals(new WhatIfAnswer.Evaluation("report only - mfa for everyone", "report-only", true, null, "mfa",
                List.of()), e.get(3));
    }

    @Test
    void staffInTheOfficeAreAllowedAndTheMfaPolicyNamesTheNetwork() {
        WhatIfAnswer answer = ask("sam", Set.of("/staff"), "portal", "198.51.100.7", ClientType.DIRECT_GRANT);

        assertEquals("allow", answer.grant());
        assertEquals(List.of("office network"), answer.policies());
        assertEquals(0, answer.rememberDeviceDays(), "no applying policy needs a second factor");
        assertEquals("network", answer.evaluations().get(1).unmetCondition());
        assertEquals("direct-grant", answer.clientType());
    }

    @Test
    void aBlockedClientIsBlockedWhateverElseApplies() {
        WhatIfAnswer answer = ask("sam", Set.of("/staff"), "legacy-reports", "203.0.113.9", ClientType.DIRECT_GRANT);

        assertEquals("block", answer.grant());
        assertEquals(List.of("block legacy-reports", "staff need mfa"), answer.policies());
        assertEquals(List.of("block legacy-reports"), answer.decidingPolicies());
    }

    @Test
    void withNothingApplyingTheAnswerIsNoneAndOnlyReportOnlyPoliciesAreListed() {
        WhatIfAnswer answer = ask("alice", Set.of(), "portal", "203.0.113.9", ClientType.BROWSER);

        assertEquals("none", answer.grant());
        assertEquals(List.of(), answer.policies());
        assertEquals(List.of(), answer.decidingPolicies());
        assertEquals("user-not-included", answer.evaluations().get(1).unmetCondition());
        assertEquals(Map.of("report only - mfa for everyone", "mfa"), answer.reportOnly());
    }

    @Test
    void aBrokenOrOffPolicyShowsItsStateDemandAndProblems() {
        List<AccessPolicy> policies = List.of(policy("typo", "grant", "mfa", "networks", "10.0.0.0/33"),
                policy("asleep", "state", "off", "grant", "block"));
        SignInFacts facts = new SignInFacts("alice", Set.of(), Set.of(), "portal", ip("203.0.113.9"),
                ClientType.BROWSER);
        WhatIfAnswer answer = WhatIfAnswer.of("alice", "portal", "203.0.113.9", ClientType.BROWSER, "f",
                AccessPolicies.evaluate(policies, facts));

        WhatIfAnswer.Evaluation typo = answer.evaluations().get(0);
        assertEquals("block", typo.demand(), "a broken policy fails closed");
        assertEquals(1, typo.problems().size());
        assertTrue(typo.problems().get(0).contains("networks"), typo.problems().get(0));
        assertEquals("block", answer.grant());
        WhatIfAnswer.Evaluation asleep = answer.evaluations().get(1);
        assertEquals("off", asleep.state());
        assertFalse(asleep.applies());
        assertEquals("state-off", asleep.unmetCondition());
    }

    @Test
    void theJsonKeepsNullsSoEveryPolicyHasTheSameFields() throws Exception {
        WhatIfAnswer answer = ask("sam", Set.of("/staff"), "portal", "203.0.113.9", ClientType.BROWSER);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JsonSerialization.readValue(JsonSerialization.writeValueAsString(answer), Map.class);

        assertEquals("mfa", json.get("grant"));
        assertEquals(Map.of("report only - mfa for everyone", "mfa"), json.get("reportOnly"));
        @SuppressWarnings("unchecked")
        Map<String, Object> staff = ((List<Map<String, Object>>) json.get("evaluations")).get(1);
        assertTrue(staff.containsKey("unmetCondition"));
        assertNull(staff.get("unmetCondition"));
        assertEquals(Set.of("name", "state", "applies", "unmetCondition", "demand", "problems"), staff.keySet());
    }

    @Test
    void requestsAreCheckedBeforeTheRealmIsAsked() {
        WhatIfRequest browser = new WhatIfRequest("sam", "portal", " 198.51.100.7 ", null);
        assertEquals(ClientType.BROWSER, browser.type(), "browser by default");
        assertEquals("198.51.100.7", browser.address());
        assertEquals(ClientType.DIRECT_GRANT, new WhatIfRequest("sam", "portal", "::1", "Direct-Grant").type());
        assertEquals("::1", new WhatIfRequest("sam", "portal", "::1", "direct-grant").address());

        assertTrue(assertThrows(WhatIfRequest.Invalid.class,
                () -> new WhatIfRequest("sam", "portal", "1.2.3.4", "imap").type()).getMessage().contains("imap"));
        assertTrue(assertThrows(WhatIfRequest.Invalid.class,
                () -> new WhatIfRequest("sam", "portal", "999.1.1.1", null).address()).getMessage()
                .contains("999.1.1.1"));
        assertThrows(WhatIfRequest.Invalid.class, () -> new WhatIfRequest("sam", "portal", "example.org", null).address(),
                "host names are never looked up");
        assertThrows(WhatIfRequest.Invalid.class, () -> new WhatIfRequest("sam", "portal", null, null).address());
        assertThrows(WhatIfRequest.Invalid.class, () -> new WhatIfRequest(" ", "portal", "::1", null).requiredUsername());
        assertThrows(WhatIfRequest.Invalid.class, () -> new WhatIfRequest("sam", null, "::1", null).requiredClientId());
    }
}
