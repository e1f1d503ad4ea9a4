package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SignInDecision;

class SignInDecisionTest {

    @Test
    void survivesTheAuthenticationSessionNote() throws Exception {
        AccessPolicy broken = AccessPolicy.from("broken", Map.of("grant", "mfa", "networks", "10.0.0.0/33"));
        AccessPolicy report = AccessPolicy.from("watch", Map.of("grant", "mfa", "state", "report-only"));
        SignInFacts facts = new SignInFacts("alice", Set.of(), Set.of(), "app",
                InetAddress.getByName("192.0.2.1"), ClientType.BROWSER);
        SignInDecision decision = AccessPolicies.evaluate(List.of(broken, report), facts).forSignIn("user-1", "flow-1", "app");

        SignInDecision read = SignInDecision.fromNote(decision.toNote());
        assertEquals(decision, read);
        assertEquals(Grant.BLOCK, read.grantValue());
        assertEquals(List.of("broken"), read.deciding());
        assertEquals("watch=mfa", read.reportOnly());
        assertEquals(1, read.problems().size(), read.problems().toString());
    }

    @Test
    void aPasswordChangeSurvivesTheNoteAndAnOldNoteHasNone() {
        SignInDecision decision = new SignInDecision("user-1", "phishing-resistant", "p", "", List.of("p"), 0, 0,
                List.of(), "flow-1", "app", null, true, true);
        assertTrue(SignInDecision.fromNote(decision.toNote()).passwordChange());
        assertTrue(SignInDecision.fromNote(decision.toNote()).riskDriven());
        assertEquals(decision, SignInDecision.fromNote(decision.toNote()));
        assertFalse(SignInDecision.fromNote("{\"userId\":\"user-1\",\"grant\":\"mfa\"}").passwordChange());
        assertFalse(SignInDecision.fromNote("{\"userId\":\"user-1\",\"grant\":\"mfa\"}").riskDriven());
    }

    @Test
    void anUnreadableNoteIsNoDecision() {
        assertNull(SignInDecision.fromNote("{"));
        assertNull(SignInDecision.fromNote(null));
    }

    @Test
    void isKeptForOneUserFlowAndClient() {
        SignInDecision decision = new SignInDecision("user-1", "mfa", "", "", List.of(), 0, 0, List.of(), "flow-1",
                "app", null, false, false);
        assertTrue(decision.isFor("user-1", "flow-1", "app"));
        assertFalse(decision.isFor("user-2", "flow-1", "app"), "another user");
        assertFalse(decision.isFor("user-1", "direct-grant-flow", "app"), "another flow has other policies");
        assertFalse(decision.isFor("user-1", "flow-1", "legacy-reports"), "policies name clients");
        assertFalse(decision.isFor(null, "flow-1", "app"));
        SignInDecision old = SignInDecision.fromNote("{\"userId\":\"user-1\",\"grant\":\"allow\"}");
        assertFalse(old.isFor("user-1", "flow-1", "app"), "a note without flow and client is taken again");
    }

    @Test
    void theCountryTravelsInTheNote() {
        SignInDecision decision = new SignInDecision("user-1", "block", "p", "", List.of("p"), 0, 0, List.of(),
                "flow-1", "app", null, true, true).withCountry("SE");
        assertEquals("SE", SignInDecision.fromNote(decision.toNote()).country());
        assertTrue(SignInDecision.fromNote(decision.toNote()).passwordChange(), "withCountry keeps the password change");
        assertTrue(SignInDecision.fromNote(decision.toNote()).riskDriven(), "withCountry keeps risk-driven");
        assertNull(SignInDecision.fromNote("{\"userId\":\"user-1\",\"grant\":\"allow\"}").country(),
                "a note from before has no country");
    }
}
