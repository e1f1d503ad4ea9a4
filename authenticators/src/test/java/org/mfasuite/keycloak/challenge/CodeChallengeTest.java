package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.CodeChallenge.Outcome;

class CodeChallengeTest {

    private static final CodeSettings SETTINGS = CodeSettings.defaults();
    private static final long NOW = 1_000_000;
    private static final Pepper PEPPER = new Pepper("kid-1", "realm-hmac-key-bytes".getBytes());

    @Test
    void newCodeHasTheRequestedDigitsAndVaries() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = CodeChallenge.newCode(8);
            assertTrue(code.matches("\\d{8}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 190, "codes repeat far too often: " + seen.size());
    }

    @Test
    void theCodeIsNeverKeptOnlyItsSaltedHash() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertFalse(challenge.toNotes().toString().contains("123456"));
        CodeChallenge again = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertNotEquals(challenge.hash(), again.hash(), "a fresh salt per code");
        assertNotEquals(challenge.id(), again.id());
    }

    @Test
    void rightCodeIsValidUntilItExpires() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertEquals(Outcome.VALID, challenge.check("123456", NOW, 3, PEPPER));
        assertEquals(Outcome.VALID, challenge.check(" 123-456 ", NOW + 299, 3, PEPPER), "spaces and dashes people type are ignored");
        assertEquals(Outcome.EXPIRED, challenge.check("123456", NOW + 300, 3, PEPPER));
    }

    @Test
    void wrongCodesCountAndTheBudgetRunsOut() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertEquals(Outcome.WRONG, challenge.check("654321", NOW, 3, PEPPER));
        assertEquals(Outcome.WRONG, challenge.check(null, NOW, 3, PEPPER));
        CodeChallenge used = challenge.withFailedAttempt().withFailedAttempt().withFailedAttempt();
        assertEquals(0, used.attemptsLeft(3));
        assertEquals(Outcome.EXHAUSTED, used.check("123456", NOW, 3, PEPPER), "even the right code once the tries are used");
    }

    @Test
    void notesRoundTripAndDamagedNotesReadAsNoChallenge() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER).withFailedAttempt();
        CodeChallenge read = CodeChallenge.fromNotes(challenge.toNotes());
        assertEquals(challenge, read);
        assertEquals(Outcome.VALID, read.check("123456", NOW, 3, PEPPER));

        Map<String, String> damaged = new HashMap<>(challenge.toNotes());
        damaged.put("expires", "soon");
        assertNull(CodeChallenge.fromNotes(damaged));
        assertNull(CodeChallenge.fromNotes(Map.of()));
    }

    @Test
    void theHashNeedsTheRealmKey() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertEquals("kid-1", challenge.kid());
        assertEquals(Outcome.WRONG, challenge.check("123456", NOW, 3, new Pepper("kid-1", new byte[0])),
                "the salt stored beside the hash is not enough to test codes");
        assertEquals(Outcome.WRONG, challenge.check("123456", NOW, 3, new Pepper("kid-1", "other-key".getBytes())));
    }

    @Test
    void toStringShowsNoSecrets() {
        CodeChallenge challenge = CodeChallenge.issue("cred-1", "123456", NOW, SETTINGS, PEPPER);
        assertFalse(challenge.toString().contains(challenge.hash()));
        assertFalse(challenge.toString().contains(challenge.salt()));
    }
}
