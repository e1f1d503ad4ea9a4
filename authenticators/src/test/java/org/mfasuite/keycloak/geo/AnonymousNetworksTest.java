package org.mfasuite.keycloak.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnonymousNetworksTest {

    private static boolean in(AnonymousNetworks list, String address) throws UnknownHostException {
        return list.contains(InetAddress.getByName(address));
    }

    @Test
    void addressesRangesCommentsAndBlankLines() throws UnknownHostException {
        AnonymousNetworks list = AnonymousNetworks.parse(List.of(
                "# Tor exit nodes, fetched 2026-12-07",
                "",
                "   ",
                "192.0.2.10",
                "198.51.100.0/25   # a whole range",
                "2001:db8:1::/48",
                "2001:db8:2::7"), "test");

        assertEquals(0, list.skipped());
        assertTrue(in(list, "192.0.2.10"));
        assertFalse(in(list, "192.0.2.11"));
        assertTrue(in(list, "198.51.100.0"));
        assertTrue(in(list, "198.51.100.127"));
        assertFalse(in(list, "198.51.100.128"));
        assertTrue(in(list, "2001:db8:1:ffff::1"));
        assertFalse(in(list, "2001:db8:3::1"));
        assertTrue(in(list, "2001:db8:2::7"));
        assertFalse(in(list, "::ffff:c000:20b"), "192.0.2.11 written as IPv4-mapped IPv6");
        assertTrue(in(list, "::ffff:c000:20a"), "192.0.2.10 written as IPv4-mapped IPv6");
    }

    @Test
    void hostileLinesAreSkippedAndCounted() throws UnknownHostException {
        LogCapture log = new LogCapture(AnonymousNetworks.class);
        AnonymousNetworks list;
        try (log) {
            list = AnonymousNetworks.parse(List.of(
                "192.0.2.1/33",
                "2001:db8::/129",
                "192.0.2.0/-1",
                "192.0.2.0/abc",
                "300.0.0.1",
                "1.2.3",
                "tor-exit.example.com",
                "\u001b[31m192.0.2.5\u001b[0m",
                "192.0.2.5\nINFO forged log line",
                "2001:db8::zz",
                "192.0.2.9"), "hostile");
        }
        assertEquals(List.of(
                "mfa-geo: anonymous-network list hostile: line 1 skipped (not an IPv4/IPv6 address or CIDR range)",
                "mfa-geo: anonymous-network list hostile: line 2 skipped (not an IPv4/IPv6 address or CIDR range)",
                "mfa-geo: anonymous-network list hostile: line 3 skipped (not an IPv4/IPv6 address or CIDR range)",
                "mfa-geo: anonymous-network list hostile: line 4 skipped (not an IPv4/IPv6 address or CIDR range)",
                "mfa-geo: anonymous-network list hostile: line 5 skipped (not an IPv4/IPv6 address or CIDR range)",
                "mfa-geo: anonymous-network list hostile: 10 lines skipped in all"), log.messages(),
                "line numbers only, never a line's text: the first five, then a count");

        assertEquals(10, list.skipped());
        assertEquals(1, list.ranges());
        assertTrue(in(list, "192.0.2.9"));
        assertFalse(in(list, "192.0.2.5"));
        assertFalse(in(list, "192.0.2.1"));
    }

    @Test
    void overlappingRangesMerge() throws UnknownHostException {
        AnonymousNetworks list = AnonymousNetworks.parse(List.of(
                "192.0.2.0/24", "192.0.2.128/25", "192.0.3.0/24", "192.0.2.77", "0.0.0.0/0"), "test");
        assertEquals(1, list.ranges());
        assertTrue(in(list, "203.0.113.1"));
        assertFalse(in(list, "2001:db8::1"), "0.0.0.0/0 is every IPv4 address, no IPv6 one");
        assertFalse(AnonymousNetworks.NONE.contains(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void hostBitsBeyondThePrefixAreIgnored() throws UnknownHostException {
        AnonymousNetworks list = AnonymousNetworks.parse(List.of("192.0.2.77/24"), "test");
        assertTrue(in(list, "192.0.2.1"));
        assertTrue(in(list, "192.0.2.255"));
        assertFalse(in(list, "192.0.3.0"));
    }
}
