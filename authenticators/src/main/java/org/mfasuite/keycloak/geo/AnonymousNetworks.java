package org.mfasuite.keycloak.geo;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The operator's list of anonymous networks (e.g. Tor exit nodes): one IPv4 or IPv6 address or CIDR range a line,
 * {@code #} starts a comment, blank lines are ignored. A line that is neither is skipped and logged by its number
 * (never its text; the first five, then a count). Immutable; looked up by binary search over merged ranges.
 */
public final class AnonymousNetworks {

    private static final Logger LOG = Logger.getLogger(AnonymousNetworks.class);
    private static final int LOGGED_LINES = 5;
    private static final BigInteger IPV4_MAPPED = BigInteger.valueOf(0xFFFFL).shiftLeft(32);

    public static final AnonymousNetworks NONE = new AnonymousNetworks(new BigInteger[0], new BigInteger[0], 0);

    private final BigInteger[] starts;
    private final BigInteger[] ends;
    private final int skipped;

    private AnonymousNetworks(BigInteger[] starts, BigInteger[] ends, int skipped) {
        this.starts = starts;
        this.ends = ends;
        this.skipped = skipped;
    }

    /** @param source names the list in log lines (e.g. the file name) */
    public static AnonymousNetworks parse(List<String> lines, String source) {
        List<BigInteger[]> ranges = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (entry.isEmpty()) {
                continue;
            }
            BigInteger[] range = range(entry);
            if (range == null) {
                if (++skipped <= LOGGED_LINES) {
                    LOG.warnf("mfa-geo: anonymous-network list %s: line %d skipped (not an IPv4/IPv6 address or CIDR"
                            + " range)", source, i + 1);
                }
            } else {
                ranges.add(range);
            }
        }
        if (skipped > LOGGED_LINES) {
            LOG.warnf("mfa-geo: anonymous-network list %s: %d lines skipped in all", source, skipped);
        }
        ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
        List<BigInteger> starts = new ArrayList<>();
        List<BigInteger> ends = new ArrayList<>();
        for (BigInteger[] range : ranges) {
            int last = ends.size() - 1;
            if (last >= 0 && range[0].compareTo(ends.get(last).add(BigInteger.ONE)) <= 0) {
                ends.set(last, ends.get(last).max(range[1]));
            } else {
                starts.add(range[0]);
                ends.add(range[1]);
            }
        }
        return new AnonymousNetworks(starts.toArray(BigInteger[]::new), ends.toArray(BigInteger[]::new), skipped);
    }

    public boolean contains(InetAddress address) {
        if (starts.length == 0 || address == null) {
            return false;
        }
        BigInteger value = value(address);
        int index = Arrays.binarySearch(starts, value);
        if (index >= 0) {
            return true;
        }
        int before = -index - 2;
        return before >= 0 && ends[before].compareTo(value) >= 0;
    }

    /** Merged ranges: what the log reports as entries. */
    public int ranges() {
        return starts.length;
    }

    public int skipped() {
        return skipped;
    }

    /** [first, last] of an address or CIDR range; host bits beyond the prefix are ignored. Null when not one. */
    private static BigInteger[] range(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = IpLiterals.parse(slash >= 0 ? entry.substring(0, slash) : entry);
        if (address == null) {
            return null;
        }
        int bits = address instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1).trim();
            if (!length.matches("\\d{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(length);
            if (prefix > bits) {
                return null;
            }
        }
        BigInteger value = value(address);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        return new BigInteger[] {first, first.or(hostMask)};
    }

    /** IPv4 as its IPv4-mapped IPv6 value, so one ordered list holds both families. */
    private static BigInteger value(InetAddress address) {
        BigInteger value = new BigInteger(1, address.getAddress());
        return address instanceof Inet4Address ? value.or(IPV4_MAPPED) : value;
    }
}
