package org.mfasuite.keycloak.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxMindPlaceLocatorTest {

    private static final long BUILT = 1_780_000_000L;

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_000);

    private static MmdbWriter countries(String swedenRange) {
        return new MmdbWriter("GeoLite2-Country", BUILT)
                .insert(swedenRange, MmdbWriter.country("SE", "Sweden"))
                .insert("198.51.100.0/24", MmdbWriter.country("US", "United States"))
                .insert("2001:db8::/32", MmdbWriter.country("DE", "Germany"));
    }

    private MaxMindPlaceLocator locator(Path database, Path anonymous) {
        MaxMindPlaceLocator locator = new MaxMindPlaceLocator(database, anonymous, clock::get);
        locator.load();
        return locator;
    }

    /** Written beside, then renamed over the old file: how geoipupdate and the docs replace a database. */
    private Path replace(Path target, byte[] bytes) throws IOException {
        Path next = Files.createTempFile(dir, "next", ".mmdb");
        Files.write(next, bytes);
        return Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void countryDatabasePlacesIpv4AndIpv6() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindPlaceLocator locator = locator(file, null);

        assertEquals(new Place("SE", null, null, false), locator.locate("192.0.2.7"));
        assertEquals("US", locator.locate("198.51.100.255").country());
        assertEquals("DE", locator.locate("2001:db8:1::42").country());
        assertEquals("DE", locator.locate("[2001:db8::1]").country());
        assertFalse(locator.locate("192.0.2.7").hasCoordinates());
    }

    @Test
    void addressesOutsideTheDatabaseAreUnknown() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindPlaceLocator locator = locator(file, null);

        assertEquals(Place.UNKNOWN, locator.locate("203.0.113.9"));
        assertEquals(Place.UNKNOWN, locator.locate("2001:db9::1"));
    }

    @Test
    void localAndMalformedAddressesAreUnknownWithoutALookUp() throws IOException {
        Path file = dir.resolve("country.mmdb");
        new MmdbWriter("GeoLite2-Country", BUILT)
                .insert("0.0.0.0/1", MmdbWriter.country("SE", "Sweden"))
                .insert("128.0.0.0/1", MmdbWriter.country("SE", "Sweden"))
                .insert("::/1", MmdbWriter.country("SE", "Sweden"))
                .insert("8000::/1", MmdbWriter.country("SE", "Sweden")).write(file);
        MaxMindPlaceLocator locator = locator(file, null);

        assertEquals("SE", locator.locate("8.8.8.8").country(), "the database places every public address");
        for (String local : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1",
                "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "ff02::1"}) {
            assertEquals(Place.UNKNOWN, locator.locate(local), local);
        }
        for (String malformed : new String[] {null, "", "localhost", "example.com", "300.1.1.1", "1.2.3", "2001:db8::g",
                "1.2.3.4 ", "1.2.3.4, 5.6.7.8"}) {
            Place place = locator.locate(malformed);
            if (malformed != null && malformed.strip().equals("1.2.3.4")) {
                assertEquals("SE", place.country(), "surrounding blanks are trimmed");
            } else {
                assertEquals(Place.UNKNOWN, place, String.valueOf(malformed));
            }
        }
    }

    @Test
    void cityDatabaseAddsCoordinates() throws IOException {
        Path file = dir.resolve("city.mmdb");
        new MmdbWriter("GeoLite2-City", BUILT)
                .insert("192.0.2.0/24", MmdbWriter.city("SE", "Sweden", 59.3293, 18.0686))
                .insert("2001:db8::/32", MmdbWriter.city("DE", "Germany", 52.52, 13.405)).write(file);
        MaxMindPlaceLocator locator = locator(file, null);

        assertEquals(new Place("SE", 59.3293, 18.0686, false), locator.locate("192.0.2.1"));
        assertEquals(new Place("DE", 52.52, 13.405, false), locator.locate("2001:db8::5"));
    }

    @Test
    void withoutADatabaseEveryCountryIsUnknown() {
        assertEquals(Place.UNKNOWN, locator(null, null).locate("192.0.2.7"));
    }

    @Test
    void aMissingFileIsUnknownUntilItAppears() throws IOException {
        Path file = dir.resolve("later.mmdb");
        MaxMindPlaceLocator locator = locator(file, null);
        assertEquals(Place.UNKNOWN, locator.locate("192.0.2.7"));

        countries("192.0.2.0/24").write(file);
        assertEquals(Place.UNKNOWN, locator.locate("192.0.2.7"), "not checked again within 30 s");
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
        assertEquals("SE", locator.locate("192.0.2.7").country());
    }

    @Test
    void aChangedDatabaseIsReadAgainAfterTheInterval() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindPlaceLocator locator = locator(file, null);
        assertEquals("SE", locator.locate("192.0.2.7").country());

        replace(file, new MmdbWriter("GeoLite2-Country", BUILT + 86_400)
                .insert("192.0.2.0/24", MmdbWriter.country("NL", "Netherlands")).bytes());
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS - 1);
        assertEquals("SE", locator.locate("192.0.2.7").country(), "checked at most every 30 s");
        clock.addAndGet(1);
        assertEquals("NL", locator.locate("192.0.2.7").country());
        assertEquals(Place.UNKNOWN, locator.locate("2001:db8::1"), "the new file only");
    }

    @Test
    void aBadFileKeepsTheDatabaseLoadedBefore() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindPlaceLocator locator = locator(file, null);

        replace(file, "not a database".getBytes());
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
        assertEquals("SE", locator.locate("192.0.2.7").country());
        Files.delete(file);
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
        assertEquals("SE", locator.locate("192.0.2.7").country(), "a deleted file keeps it too");

        countries("203.0.113.0/24").write(file);
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
        assertEquals("SE", locator.locate("203.0.113.7").country(), "a good file is read again");
        assertEquals(Place.UNKNOWN, locator.locate("192.0.2.7"));
    }

    @Test
    void aBadFileIsLoggedOnceNotOnEveryCheck() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindPlaceLocator locator = locator(file, null);
        try (LogCapture log = new LogCapture(WatchedFile.class)) {
            replace(file, "not a database".getBytes());
            for (int i = 0; i < 4; i++) {
                clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
                assertEquals("SE", locator.locate("192.0.2.7").country());
            }
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertTrue(log.messages().get(0).contains("keeping the version loaded before"), log.messages().toString());
            assertFalse(log.messages().get(0).contains("192.0.2"), "never an address");
        }
    }

    @Test
    void aDatabaseOfAnotherKindIsRefused() throws IOException {
        Path file = dir.resolve("asn.mmdb");
        new MmdbWriter("GeoLite2-ASN", BUILT).insert("192.0.2.0/24", MmdbWriter.country("SE", "Sweden")).write(file);
        assertEquals(Place.UNKNOWN, locator(file, null).locate("192.0.2.7"));
    }

    @Test
    void anonymousNetworksMarkThePlace() throws IOException {
        Path database = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(database);
        Path list = dir.resolve("tor-exits.txt");
        Files.writeString(list, "# Tor exit nodes\n192.0.2.66\n2001:db8:bad::/48\n");
        MaxMindPlaceLocator locator = locator(database, list);

        assertEquals(new Place("SE", null, null, true), locator.locate("192.0.2.66"));
        assertFalse(locator.locate("192.0.2.67").anonymous());
        assertEquals(new Place("DE", null, null, true), locator.locate("2001:db8:bad:1::1"));
        assertTrue(locator(null, list).locate("192.0.2.66").anonymous(), "without a country database too");

        Files.writeString(list, "192.0.2.67\n");
        clock.addAndGet(WatchedFile.CHECK_INTERVAL_MILLIS);
        assertFalse(locator.locate("192.0.2.66").anonymous(), "the list is read again when it changes");
        assertTrue(locator.locate("192.0.2.67").anonymous());
    }

    @Test
    void theWriterMatchesTheFormatMaxMindsReaderExpects() throws IOException {
        Path file = dir.resolve("country.mmdb");
        countries("192.0.2.0/24").write(file);
        MaxMindDatabase database = MaxMindDatabase.open(file);
        assertTrue(database.describe().startsWith("type GeoLite2-Country, built 2026-05-28, IPv6"), database.describe());
        assertNull(database.locate(java.net.InetAddress.getByName("203.0.113.1")).country());
    }
}
