package org.mfasuite.keycloak.challenge;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keeps the pending challenge in authentication-session notes, which Keycloak replicates: a code sent
 * through one cluster node is checked on any other.
 */
public final class ChallengeStore {

    private static final String[] FIELDS = {"id", "target", "kid", "salt", "hash", "expires", "attempts"};

    private final AuthenticationSessionModel authSession;
    private final String prefix;

    /** @param purpose keeps two users of the store apart, e.g. {@code mfa-sms} and {@code mfa-phone-register} */
    public ChallengeStore(AuthenticationSessionModel authSession, String purpose) {
        this.authSession = authSession;
        this.prefix = purpose + ".challenge.";
    }

    public CodeChallenge load() {
        Map<String, String> notes = new HashMap<>();
        for (String field : FIELDS) {
            String value = authSession.getAuthNote(prefix + field);
            if (value != null) {
                notes.put(field, value);
            }
        }
        return CodeChallenge.fromNotes(notes);
    }

    public void save(CodeChallenge challenge) {
        challenge.toNotes().forEach((field, value) -> authSession.setAuthNote(prefix + field, value));
    }

    public void clear() {
        for (String field : FIELDS) {
            authSession.removeAuthNote(prefix + field);
        }
    }
}
