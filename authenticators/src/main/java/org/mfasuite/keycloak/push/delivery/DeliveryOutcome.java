package org.mfasuite.keycloak.push.delivery;

/** What became of one wake-up notification. */
public enum DeliveryOutcome {
    /** The push service accepted it. */
    DELIVERED,
    /** The subscription or registration token is no longer valid: the caller clears it from the device. */
    GONE,
    /** Anything else (refused host, timeout, 5xx, not configured): the device still finds the challenge by polling. */
    FAILED
}
