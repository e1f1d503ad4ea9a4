package org.mfasuite.keycloak.gateway;

/**
 * The gateway did not accept the message. The message is safe to log and to put in an event: it never
 * holds the text or the code.
 */
public class GatewayException extends Exception {

    private final String reason;

    /**
     * @param reason short machine-readable reason for events: {@code timeout}, {@code refused},
     *               {@code http_503}, {@code not_configured}, ...
     */
    public GatewayException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GatewayException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
