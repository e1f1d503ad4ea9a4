package org.mfasuite.keycloak.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(Cidr.literal(literal));
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Test
    void anIpv4RangeHoldsItsAddressesAndNoOthers() {
        Cidr office = Cidr.parse("198.51.100.0/24");
        assertTrue(office.contains(ip("198.51.100.0")));
        assertTrue(office.contains(ip("198.51.100.255")));
        assertFalse(office.contains(ip("198.51.101.0")));
        assertFalse(office.contains(ip("198.51.99.255")));
    }

    @Test
    void anIpv6RangeHoldsItsAddressesAndNoOthers() {
        Cidr documentation = Cidr.parse("2001:db8::/32");
        assertTrue(documentation.contains(ip("2001:db8::1")));
        assertTrue(documentation.contains(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(documentation.contains(ip("2001:db9::1")));
        assertFalse(documentation.contains(ip("198.51.100.7")), "another family is never inside");
        assertFalse(Cidr.parse("198.51.100.0/24").contains(ip("2001:db8::1")));
    }

    @Test
    void oddPrefixesCutInsideAByte() {
        Cidr range = Cidr.parse("10.0.0.64/27");
        assertTrue(range.contains(ip("10.0.0.95")));
        assertFalse(range.contains(ip("10.0.0.96")));
        assertFalse(range.contains(ip("10.0.0.63")));
        Cidr v6 = Cidr.parse("2001:db8:8000::/33");
        assertTrue(v6.contains(ip("2001:db8:8000::1")));
        assertFalse(v6.contains(ip("2001:db8:7fff::1")));
    }

    @Test
    void aSingleAddressIsARangeOfOne() {
        assertTrue(Cidr.parse("203.0.113.9").contains(ip("203.0.113.9")));
        assertFalse(Cidr.parse("203.0.113.9").contains(ip("203.0.113.10")));
        assertTrue(Cidr.parse("2001:db8::9").contains(ip("2001:db8:0:0::9")));
        assertEquals(Cidr.parse("203.0.113.9/32"), Cidr.parse("203.0.113.9"));
    }

    @Test
    void zeroPrefixesHoldTheirWholeFamily() {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
        assertTrue(Cidr.parse("::/0").contains(ip("2001:db8::1")));
        assertFalse(Cidr.parse("::/0").contains(ip("203.0.113.9")));
    }

    @Test
    void ipv4MappedIpv6AddressesMatchIpv4Ranges() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 198;
        mapped[13] = 51;
        mapped[14] = 100;
        mapped[15] = 7;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(address instanceof Inet6Address, "kept as IPv6 as a dual-stack socket reports it");
        assertTrue(Cidr.parse("198.51.100.0/24").contains(address));
        assertTrue(Cidr.parse("198.51.100.0/24").contains(ip("::ffff:198.51.100.7")));
        assertEquals(Cidr.parse("198.51.100.0/24"), Cidr.parse("::ffff:198.51.100.0/120"));
    }

    @Test
    void nullIsInsideNoRange() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "198.51.100.0/33", "2001:db8::/129", "198.51.100/24", "256.1.1.1",
            "198.51.100.0/", "198.51.100.0/-1", "198.51.100.0/24/8", "010.0.0.1", "localhost", "example.com",
            "dead.beef", "abc", "::1%eth0", "[::1]", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "::ffff:10.0.0.0/95",
            "198.51.100.0 /24"})
    void malformedRangesAreRefusedWhenParsed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().contains("198.51.100.0/24 or 2001:db8::/32"), e.getMessage());
    }

    @Test
    void aRangeWithHostBitsSetIsRefusedWithWhatWasMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("192.168.1.0/2"));
        assertTrue(e.getMessage().contains("did you mean 192.0.0.0/2?"), e.getMessage());
    }

    @Test
    void spacesAroundAreTrimmed() {
        assertEquals(Cidr.parse("198.51.100.0/24"), Cidr.parse("  198.51.100.0/24 "));
        assertEquals("198.51.100.0/24", Cidr.parse("198.51.100.0/24").toString());
    }
}
