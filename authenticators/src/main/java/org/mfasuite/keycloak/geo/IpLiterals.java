package org.mfasuite.keycloak.geo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literals parsed without any DNS look-up, and the addresses no database places. */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /** The address, or null when the text is not an IPv4 or IPv6 literal (a host name is never resolved). */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches();
        if (!v4 && !v6 || v4 && !octets(literal)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal); // a literal: the JDK parses it, no look-up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean octets(String literal) {
        for (String octet : literal.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Loopback, unspecified, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT (100.64.0.0/10), multicast. */
    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) == 0xFC;
        }
        return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
    }
}
