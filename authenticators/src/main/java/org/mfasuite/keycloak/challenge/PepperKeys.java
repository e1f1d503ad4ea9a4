package org.mfasuite.keycloak.challenge;

import java.util.Optional;

/**
 * Where peppers come from: the key to hash new codes with, and the key a pending code was hashed with.
 * Absence is a normal answer (a key rotated away), never an exception; the pending code then counts as
 * expired.
 */
public interface PepperKeys {

    /** The pepper for new codes. */
    Optional<Pepper> active();

    /** The pepper of key {@code kid}; empty when that key is gone or unreadable. */
    Optional<Pepper> byKid(String kid);
}
