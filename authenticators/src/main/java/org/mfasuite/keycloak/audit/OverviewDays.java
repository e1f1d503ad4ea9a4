package org.mfasuite.keycloak.audit;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overview's tallies of days that are over, kept per node for {@link #TTL_MILLIS}: a day's events no longer change
 * once it has ended (only Keycloak's expiry or an admin's "clear events" remove some), so an overview reads the
 * stored events of each past day once per quarter of an hour, and today's (and the last 24 hours') every time.
 * Keyed by realm id, time zone and day; bounded ({@link #MAX_DAYS}: beyond, everything is dropped and read again).
 */
final class OverviewDays {

    static final long TTL_MILLIS = 15 * 60_000L;
    static final int MAX_DAYS = 5_000;

    private record Kept(OverviewTally tally, long until) {
    }

    private static final Map<String, Kept> DAYS = new ConcurrentHashMap<>();

    private OverviewDays() {
    }

    /** The kept tally of that day, or null (never kept, or older than {@link #TTL_MILLIS}). */
    static OverviewTally get(String realmId, ZoneId zone, String day, long now) {
        Kept kept = DAYS.get(key(realmId, zone, day));
        return kept == null || kept.until() < now ? null : kept.tally();
    }

    /** Keeps a complete tally of a day that is over; it is never changed afterwards. */
    static void put(String realmId, ZoneId zone, String day, OverviewTally tally, long now) {
        if (DAYS.size() >= MAX_DAYS) {
            DAYS.clear();
        }
        DAYS.put(key(realmId, zone, day), new Kept(tally, now + TTL_MILLIS));
    }

    private static String key(String realmId, ZoneId zone, String day) {
        return realmId + '|' + zone.getId() + '|' + day;
    }
}
