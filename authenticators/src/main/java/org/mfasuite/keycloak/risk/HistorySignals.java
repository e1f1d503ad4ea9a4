package org.mfasuite.keycloak.risk;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The signals a sign-in's history gives: unfamiliar device, unfamiliar location, impossible travel. A user with no
 * history gets none of them (nothing to compare), except that a browser sign-in of an account older than the kept
 * history (dormant, or from before the history was kept) counts as an unfamiliar device.
 */
public final class HistorySignals {

    /** Faster than this between two sign-ins is impossible travel (a passenger jet cruises at about 900 km/h). */
    public static final double MAX_KMH = 900;
    /** Closer than this counts as the same place: a City database's coordinates are approximate. */
    static final double SAME_PLACE_KM = 100;
    private static final double EARTH_KM = 6371.0088;

    private HistorySignals() {
    }

    /**
     * @param newestFirst     the user's kept sign-ins, newest first
     * @param now             this sign-in (its device hash null when the device is not judged, e.g. a direct grant)
     * @param locationSignIns how many of the newest sign-ins a familiar location must be among
     */
    public static Set<RiskSignal> of(List<PastSignIn> newestFirst, PastSignIn now, int locationSignIns) {
        return of(newestFirst, now, locationSignIns, false);
    }

    /**
     * @param established whether the account is older than the kept history: then an empty history means a dormant
     *                    account (or one from before the history was kept), and a browser counts as an unfamiliar
     *                    device; a new account's first sign-in gets no signal
     */
    public static Set<RiskSignal> of(List<PastSignIn> newestFirst, PastSignIn now, int locationSignIns,
                                     boolean established) {
        Set<RiskSignal> signals = EnumSet.noneOf(RiskSignal.class);
        if (newestFirst.isEmpty()) {
            if (established && now.deviceHash() != null) {
                signals.add(RiskSignal.UNFAMILIAR_DEVICE);
            }
            return signals;
        }
        if (now.deviceHash() != null && newestFirst.stream().noneMatch(p -> now.deviceHash().equals(p.deviceHash()))) {
            signals.add(RiskSignal.UNFAMILIAR_DEVICE);
        }
        if (now.location() != null && newestFirst.stream().limit(locationSignIns)
                .noneMatch(p -> now.location().equals(p.location()))) {
            signals.add(RiskSignal.UNFAMILIAR_LOCATION);
        }
        // a browser is compared with browser sign-ins only, a direct grant with direct grants: a mail server's relay
        // abroad is no journey of the person at the browser
        PastSignIn previous = newestFirst.stream().filter(p -> (p.deviceHash() == null) == (now.deviceHash() == null))
                .findFirst().orElse(null);
        if (previous != null && now.hasCoordinates() && previous.hasCoordinates() && impossible(previous, now)) {
            signals.add(RiskSignal.IMPOSSIBLE_TRAVEL);
        }
        return signals;
    }

    /** Whether going from {@code a} to {@code b} in the time between them needs more than {@link #MAX_KMH}. */
    static boolean impossible(PastSignIn a, PastSignIn b) {
        double km = km(a.latitude(), a.longitude(), b.latitude(), b.longitude());
        if (km < SAME_PLACE_KM) {
            return false;
        }
        double hours = Math.max(Math.abs(b.time() - a.time()), 60) / 3600.0;
        return km / hours > MAX_KMH;
    }

    /** Great-circle distance (haversine). */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * Where an address is, as the history keeps it: the country when known, else its network ({@code /16} of IPv4,
     * {@code /48} of IPv6); null when the address is not an IP literal.
     */
    public static String location(String country, String address) {
        if (country != null) {
            return country;
        }
        if (address == null) {
            return null;
        }
        String a = address.trim();
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] p = a.split("\\.");
            return p[0] + "." + p[1] + ".0.0/16";
        }
        if (a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
            try {
                byte[] b = java.net.InetAddress.getByName(a.contains("%") ? a.substring(0, a.indexOf('%')) : a).getAddress();
                if (b.length == 16) {
                    return String.format("%x:%x:%x::/48", ((b[0] & 0xff) << 8) | (b[1] & 0xff),
                            ((b[2] & 0xff) << 8) | (b[3] & 0xff), ((b[4] & 0xff) << 8) | (b[5] & 0xff));
                }
                if (b.length == 4) {
                    return (b[0] & 0xff) + "." + (b[1] & 0xff) + ".0.0/16";
                }
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
