package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class UserMatchesTest {

    private static final Set<String> NAMES = Set.of("anna", "bo@example.org", "shared@example.org",
            "cecilia@example.org", "nobody");

    /** One pass over the realm: every user, named by the file or not. */
    @Test
    void onePassOverTheRealm() {
        UserMatches matches = new UserMatches(NAMES);
        matches.user("1", "anna", "anna@example.org");
        matches.user("2", "bo", "bo@example.org");
        matches.user("3", "s1", "shared@example.org");
        matches.user("4", "s2", "shared@example.org");
        // a username that looks like an email wins over another user's email
        matches.user("5", "dora", "cecilia@example.org");
        matches.user("6", "cecilia@example.org", null);
        matches.user("7", "erik", "erik@example.org");
        matches.done();

        assertEquals("1", matches.find("anna"));
        assertEquals("2", matches.find("bo@example.org"), "by email");
        assertEquals(UserMatches.AMBIGUOUS, matches.find("shared@example.org"));
        assertEquals("6", matches.find("cecilia@example.org"), "the username first");
        assertNull(matches.find("nobody"));
        assertNull(matches.find("erik"), "not named by the file: forgotten");
        assertFalse(matches.ids().contains("7"));
        assertTrue(matches.ids().containsAll(Set.of("1", "2", "6")));
    }

    /** Batched look-ups: usernames, then the emails of names that are nobody's username. */
    @Test
    void batchedLookUpsGiveTheSameAnswer() {
        UserMatches matches = new UserMatches(NAMES);
        matches.user("1", "anna", null);
        matches.user("6", "cecilia@example.org", null);
        assertTrue(matches.isUsername("cecilia@example.org"));
        assertFalse(matches.isUsername("bo@example.org"));
        matches.user("2", null, "bo@example.org");
        matches.user("3", null, "shared@example.org");
        matches.user("4", null, "shared@example.org");
        matches.done();

        assertEquals("1", matches.find("anna"));
        assertEquals("2", matches.find("bo@example.org"));
        assertEquals(UserMatches.AMBIGUOUS, matches.find("shared@example.org"));
        assertEquals("6", matches.find("cecilia@example.org"));
        assertNull(matches.find("nobody"));
    }

    @Test
    void onePassOnlyForAFileNamingManyOfTheRealmsUsers() {
        assertFalse(PhoneImport.onePass(PhoneImport.BATCH, 1_000), "one batch is one query");
        assertTrue(PhoneImport.onePass(100_000, 100_008));
        assertTrue(PhoneImport.onePass(5_000, 100_000), "one in twenty");
        assertFalse(PhoneImport.onePass(5_000, 100_001));
        assertFalse(PhoneImport.onePass(2_000, 5_000_000), "a few names in a large realm: batches");
    }
}
