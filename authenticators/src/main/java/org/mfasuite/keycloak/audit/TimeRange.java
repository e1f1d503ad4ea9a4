package org.mfasuite.keycloak.audit;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A {@code from}/{@code to} pair as Keycloak's events API takes it: a date {@code yyyy-MM-dd} (from: its first,
 * to: its last millisecond, in the given zone) or epoch milliseconds; both inclusive.
 */
public record TimeRange(long from, long to) {

    /**
     * @param defaultDays length of the range when {@code from} is missing (0: from the beginning)
     * @param now         the request time: the default end
     */
    public static TimeRange parse(String from, String to, ZoneId zone, long now, int defaultDays) {
        long end = to == null || to.isBlank() ? now : instant(to, zone, true, "to");
        long start = from == null || from.isBlank() ? (defaultDays > 0 ? end - defaultDays * 86_400_000L + 1 : 0)
                : instant(from, zone, false, "from");
        if (start > end) {
            throw new InvalidQuery("'from' is after 'to'");
        }
        return new TimeRange(start, end);
    }

    public static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            throw new InvalidQuery("'tz' is not a time zone such as UTC or Europe/Stockholm: " + tz);
        }
    }

    private static long instant(String value, ZoneId zone, boolean endOfDay, String name) {
        String v = value.trim();
        if (v.matches("\\d{1,15}")) {
            return Long.parseLong(v);
        }
        try {
            LocalDate day = LocalDate.parse(v);
            return endOfDay ? day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1
                    : day.atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new InvalidQuery("'" + name + "' must be a date (yyyy-MM-dd) or epoch milliseconds: " + value);
        }
    }
}
