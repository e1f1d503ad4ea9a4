package org.mfasuite.keycloak.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The demo's country database (realm-export/mfa-demo-geo.mmdb) is exactly what {@link MmdbWriter} makes of the
 * documentation ranges below. Regenerate it with {@code -Dmfa.geo.write-demo=true}.
 */
class DemoGeoDatabaseTest {

    static final Path DEMO = Path.of("..", "realm-export", "mfa-demo-geo.mmdb");

    static byte[] demoDatabase() {
        return new MmdbWriter("MFA-Suite-Demo-City", 1_798_675_200L) // 2027-01-01
                .insert("192.0.2.0/24", MmdbWriter.city("SE", "Sweden", 59.3293, 18.0686))
                .insert("198.51.100.0/24", MmdbWriter.city("US", "United States", 40.7128, -74.0060))
                .insert("203.0.113.0/24", MmdbWriter.city("NL", "Netherlands", 52.3676, 4.9041))
                .insert("2001:db8::/32", MmdbWriter.city("DE", "Germany", 52.5200, 13.4050))
                .bytes();
    }

    @Test
    void theCommittedDemoDatabaseIsTheGeneratedOne() throws IOException {
        if (Boolean.getBoolean("mfa.geo.write-demo")) {
            Files.write(DEMO, demoDatabase());
        }
        assertArrayEquals(demoDatabase(), Files.readAllBytes(DEMO));
        MaxMindPlaceLocator locator = new MaxMindPlaceLocator(DEMO, null, () -> 0);
        locator.load();
        assertEquals(new Place("SE", 59.3293, 18.0686, false), locator.locate("192.0.2.10"));
        assertEquals("US", locator.locate("198.51.100.10").country());
        assertEquals("NL", locator.locate("203.0.113.10").country());
        assertEquals("DE", locator.locate("2001:db8::10").country());
        assertEquals(Place.UNKNOWN, locator.locate("127.0.0.1"));
    }
}
