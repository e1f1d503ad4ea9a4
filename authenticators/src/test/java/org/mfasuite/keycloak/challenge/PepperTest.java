package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PepperTest {

    private static final byte[] REALM_KEY = "realm-hmac-key-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePepperIsDerivedFromTheRealmKeyNotTheKeyItself() {
        Pepper pepper = Pepper.derive("kid-1", REALM_KEY);
        // HMAC-SHA256(key = realm key, "mfa-code-pepper"), computed independently
        assertEquals("41375ec73084efa3dfc22539197f5c0af5afd0b76a0ee93a6035cfe43cd4528b",
                HexFormat.of().formatHex(pepper.secret()));
        assertEquals("kid-1", pepper.kid());
        assertFalse(Arrays.equals(REALM_KEY, pepper.secret()));
    }

    @Test
    void theSameKeyGivesTheSamePepperOnEveryNode() {
        assertArrayEquals(Pepper.derive("kid-1", REALM_KEY).secret(), Pepper.derive("kid-1", REALM_KEY.clone()).secret());
        assertFalse(Arrays.equals(Pepper.derive("kid-1", REALM_KEY).secret(),
                Pepper.derive("kid-2", "another-realm-key".getBytes(StandardCharsets.UTF_8)).secret()));
    }

    @Test
    void toStringShowsNoSecret() {
        assertEquals("Pepper[kid=kid-1]", Pepper.derive("kid-1", REALM_KEY).toString());
    }
}
