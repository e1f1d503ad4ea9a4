package org.mfasuite.keycloak.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void masksAllButCountryCodeAndTheEnds() {
        assertEquals("+46 70•••••67", PhoneMask.mask("+46701234567"));
        assertEquals("+31 61•••••78", PhoneMask.mask("+31612345678"));
        assertEquals("", PhoneMask.mask(null));
    }
}
