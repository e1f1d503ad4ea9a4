package org.mfasuite.keycloak.audit;

/** A query parameter the caller must correct: answered with 400 and this message. */
public final class InvalidQuery extends RuntimeException {

    public InvalidQuery(String message) {
        super(message);
    }
}
