package org.mfasuite.keycloak.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 range such as {@code 198.51.100.0/24} or {@code 2001:db8::/32}, or a single address. Parsed
 * from literals only, never through DNS. IPv4-mapped IPv6 addresses ({@code ::ffff:198.51.100.7}) are treated
 * as the IPv4 addresses they carry, on both sides. Parsing refuses what it cannot read; matching never throws.
 */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits and colons, optionally a dotted IPv4 tail; no zone id, no host name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*(\\d{1,3}(\\.\\d{1,3}){3})?");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        String address;
        try {
            address = InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
        this.text = address + "/" + prefix;
    }

    /**
     * @param text a range in CIDR notation, or one address
     * @throws IllegalArgumentException naming the value and what it takes, when it is not a range
     */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(host);
        if (bytes == null) {
            throw malformed(value, "is not an IP address");
        }
        boolean mapped = bytes.length == 4 && host.contains(":");
        int bits = bytes.length * 8 + (mapped ? 96 : 0);
        int length = bits;
        if (slash >= 0) {
            String p = value.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
                throw malformed(value, "needs a prefix length from 0 to " + bits);
            }
            length = Integer.parseInt(p);
        }
        if (mapped && length < 96) {
            throw malformed(value, "is an IPv4-mapped range; its prefix must be at least 96");
        }
        int prefix = mapped ? length - 96 : length;
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw malformed(value, "has address bits set beyond /" + length + "; did you mean "
                    + new Cidr(masked, prefix) + "?");
        }
        return new Cidr(masked, prefix);
    }

    /** Whether the address lies in this range; false for null and for the other address family. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address.getAddress());
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /** An IP literal as an address, never looked up in DNS; null when the text is not an IP literal. */
    public static InetAddress address(String literal) {
        byte[] bytes = literal == null ? null : literal(literal.trim());
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address bytes of an IP literal, IPv4-mapped IPv6 as IPv4; null when it is not a literal. */
    static byte[] literal(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && !IPV6.matcher(host).matches()) {
            return null; // anything else could send InetAddress to DNS
        }
        if (v4) {
            byte[] bytes = new byte[4];
            String[] parts = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                    return null; // leading zeros read as octal elsewhere: refuse rather than guess
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        try {
            // contains ':' so the JDK parses it as an IPv6 literal and never resolves it
            return unmapped(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static IllegalArgumentException malformed(String value, String why) {
        return new IllegalArgumentException("'" + value + "' " + why
                + " (a range such as 198.51.100.0/24 or 2001:db8::/32, or one address)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefix == prefix && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** The canonical form, e.g. {@code 2001:db8:0:0:0:0:0:0/32}. */
    @Override
    public String toString() {
        return text;
    }
}
