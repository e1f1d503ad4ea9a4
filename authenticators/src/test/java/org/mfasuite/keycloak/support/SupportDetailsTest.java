package org.mfasuite.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupportDetailsTest {

    @Test
    void referencesAreEasyToReadOutAndDiffer() {
        String a = SupportDetails.newReference();
        assertTrue(a.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), a);
        assertNotEquals(a, SupportDetails.newReference());
    }

    @Test
    void theCopiedTextHasOneLinePerKnownDetail() {
        SupportDetails details = SupportDetails.create("demo", "app", null, "block office", "mfa_policy_block");
        String text = details.getText();
        assertTrue(text.startsWith("Time: ") && text.contains(" UTC\n"), text);
        assertTrue(text.contains("Reference: " + details.getReference() + "\n"), text);
        assertTrue(text.endsWith("Policy: block office\nError: mfa_policy_block"), text);
        assertEquals(-1, text.indexOf("Username"), "an unknown username is left out");
    }
}
