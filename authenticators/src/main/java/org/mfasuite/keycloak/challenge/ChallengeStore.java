package org.mfasuite.keycloak.challenge;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keeps the pending challenge in authentication-session notes, which Keycloak replicates: a code sent
 * through one cluster node is checked on any other.
 */
public final class ChallengeStore {

    /** The notes the store writes to: in Keycloak, the authentication session's auth notes. */
    public interface Notes {
        String get(String key);

        void set(String key, String value);

        void remove(String key);
    }

    private static final String[] FIELDS = {"id", "target", "kid", "salt", "hash", "expires", "attempts"};

    private final Notes notes;
    private final String prefix;

    /** @param purpose keeps two users of the store apart, e.g. {@code mfa-sms} and {@code mfa-phone-register} */
    public ChallengeStore(Notes notes, String purpose) {
        this.notes = notes;
        this.prefix = purpose + ".challenge.";
    }

    /** A store in the auth notes of {@code authSession}. */
    public static ChallengeStore of(AuthenticationSessionModel authSession, String purpose) {
        return new ChallengeStore(new Notes() {
            @Override
            public String get(String key) {
                return authSession.getAuthNote(key);
            }

            @Override
            public void set(String key, String value) {
                authSession.setAuthNote(key, value);
            }

            @Override
            public void remove(String key) {
                authSession.removeAuthNote(key);
            }
        }, purpose);
    }

    public CodeChallenge load() {
        Map<String, String> read = new HashMap<>();
        for (String field : FIELDS) {
            String value = notes.get(prefix + field);
            if (value != null) {
                read.put(field, value);
            }
        }
        return CodeChallenge.fromNotes(read);
    }

    public void save(CodeChallenge challenge) {
        challenge.toNotes().forEach((field, value) -> notes.set(prefix + field, value));
    }

    public void clear() {
        for (String field : FIELDS) {
            notes.remove(prefix + field);
        }
    }
}
