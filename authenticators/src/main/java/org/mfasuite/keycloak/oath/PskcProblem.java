package org.mfasuite.keycloak.oath;

/** Why a PSKC key or secret cannot be read, with the reason code the report shows. */
final class PskcProblem extends Exception {

    private final String reason;

    PskcProblem(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
