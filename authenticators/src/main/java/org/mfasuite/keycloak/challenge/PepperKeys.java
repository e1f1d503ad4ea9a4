package org.mfasuite.keycloak.challenge;

import java.util.Optional;

/**
 * Where peppers come from: the key to hash new codes with, and the key a pending code was hashed with.
 * Absence is a normal answer (a realm without a readable HS512 key, a key rotated away), never an
 * exception; callers refuse to send, or treat the pending code as expired.
 */
public interface PepperKeys {

    /** The pepper for new codes; empty when the realm has no readable HMAC key (then no code may be sent). */
    Optional<Pepper> active();

    /** The pepper of key {@code kid}; empty when that key is gone or unreadable. */
    Optional<Pepper> byKid(String kid);
}
