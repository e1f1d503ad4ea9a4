package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        SignInDecision decision = AccessPolicies.evaluate(List.of(broken, report), facts).forUser("user-1");

        SignInDecision read = SignInDecision.fromNote(decision.toNote());
        assertEquals(decision, read);
        assertEquals(Grant.BLOCK, read.grantValue());
        assertEquals(List.of("broken"), read.deciding());
        assertEquals("watch=mfa", read.reportOnly());
        assertEquals(1, read.problems().size(), read.problems().toString());
    }

    @Test
    void anUnreadableNoteIsNoDecision() {
        assertNull(SignInDecision.fromNote("{"));
        assertNull(SignInDecision.fromNote(null));
    }
}
