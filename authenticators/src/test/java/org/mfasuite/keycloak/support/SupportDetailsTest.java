package org.mfasuite.keycloak.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void aReferenceDerivedFromAnIdIsTheSameEachTimeAndReadsLikeAnyOther() {
        String a = SupportDetails.referenceOf("0b6d5c1e-push-request");
        assertEquals(a, SupportDetails.referenceOf("0b6d5c1e-push-request"));
        assertEquals(a, SupportDetails.normalise(a));
        assertNotEquals(a, SupportDetails.referenceOf("another-request"));
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

    @Test
    void aTypedReferenceIsReadAsTheHelpdeskReadsItOut() {
        assertEquals("7KQ2-MX9D", SupportDetails.normalise("7KQ2-MX9D"));
        assertEquals("7KQ2-MX9D", SupportDetails.normalise(" 7kq2 mx9d "), "lower case, spaces");
        assertEquals("7KQ2-MX9D", SupportDetails.normalise("7KQ2MX9D"), "no dash");
        assertEquals("0110-MX9D", SupportDetails.normalise("OIL0-mx9d"), "O for 0, I and L for 1 (Crockford)");
        String made = SupportDetails.newReference();
        assertEquals(made, SupportDetails.normalise(made.toLowerCase()));
        assertNull(SupportDetails.normalise("7KQ2-MX9"), "too short");
        assertNull(SupportDetails.normalise("7KQ2-MX9DA"), "too long");
        assertNull(SupportDetails.normalise("7KQ2-MX9U"), "U is no digit of the alphabet");
        assertNull(SupportDetails.normalise("7KQ2%MX9D"));
        assertNull(SupportDetails.normalise(null));
    }
}
