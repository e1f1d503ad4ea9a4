package org.mfasuite.keycloak.gateway;

/**
 * The gateway did not accept the message. The message is safe to log and to put in an event: it never
 * holds the text or the code.
 * <p>
 * Whether the message may still reach the phone decides whether its send slot is given back: only a failure
 * that certainly delivered nothing (connection refused, not configured, a 4xx rejection) frees it. Whatever a
 * gateway cannot tell for sure (timeouts, I/O errors, 5xx) counts as maybe delivered, and so does an exception
 * made with the plain constructors, so an operator's own gateway errs on the side of the send limit.
 */
public class GatewayException extends Exception {

    private final String reason;
    private final boolean maybeDelivered;

    /**
     * A failure after which the message may have been delivered.
     *
     * @param reason short machine-readable reason for events: {@code timeout}, {@code refused},
     *               {@code http_503}, {@code not_configured}, ...
     */
    public GatewayException(String reason, String message) {
        this(reason, message, null, true);
    }

    /** A failure after which the message may have been delivered. */
    public GatewayException(String reason, String message, Throwable cause) {
        this(reason, message, cause, true);
    }

    /** @param maybeDelivered false only when the gateway certainly did not pass the message on */
    public GatewayException(String reason, String message, Throwable cause, boolean maybeDelivered) {
        super(message, cause);
        this.reason = reason;
        this.maybeDelivered = maybeDelivered;
    }

    /** The message certainly did not go out: refused, rejected, or never attempted. */
    public static GatewayException notDelivered(String reason, String message) {
        return new GatewayException(reason, message, null, false);
    }

    public String reason() {
        return reason;
    }

    /** True unless the gateway knows the message did not go out; then its send may be given back. */
    public boolean maybeDelivered() {
        return maybeDelivered;
    }
}
