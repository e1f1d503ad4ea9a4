package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final long NOV_23 = 1_795_392_000_000L;

    @Test
    void datesCoverWholeDaysAndMillisAreTakenAsGiven() {
        assertEquals(new TimeRange(NOV_23, NOV_23 + 86_400_000L - 1), TimeRange.parse("2026-11-23", "2026-11-23", UTC, 0, 0));
        assertEquals(new TimeRange(5, 10), TimeRange.parse("5", "10", UTC, 99, 30));
        assertEquals(NOV_23 - 3_600_000L, TimeRange.parse("2026-11-23", null, ZoneId.of("Europe/Stockholm"), NOV_23 * 2, 0).from());
    }

    @Test
    void defaultsAreNowAndTheLastDays() {
        long now = NOV_23;
        assertEquals(new TimeRange(now - 30 * 86_400_000L + 1, now), TimeRange.parse(null, null, UTC, now, 30));
        assertEquals(new TimeRange(0, now), TimeRange.parse(null, "", UTC, now, 0), "the log: from the beginning");
    }

    @Test
    void badValuesAreRefusedWithTheFieldNamed() {
        assertEquals("'from' must be a date (yyyy-MM-dd) or epoch milliseconds: yesterday",
                assertThrows(InvalidQuery.class, () -> TimeRange.parse("yesterday", null, UTC, 0, 0)).getMessage());
        assertThrows(InvalidQuery.class, () -> TimeRange.parse("2026-11-24", "2026-11-23", UTC, 0, 0));
        assertThrows(InvalidQuery.class, () -> TimeRange.zone("Mars/Olympus"));
        assertEquals(UTC, TimeRange.zone(null));
    }

    @Test
    void filtersCheckTheResultValue() {
        assertThrows(InvalidQuery.class, () -> SignInFilter.of(null, "maybe"));
        SignInFilter f = SignInFilter.of("SMS", "Failure");
        SignInRow row = new SignInRow(0, null, null, null, null, null, null, "sms", "failure", null, null, null, null, null,
                null, null, null, null);
        assertEquals(true, f.matches(row));
        assertEquals(false, SignInFilter.of("otp", null).matches(row));
        assertEquals(true, SignInFilter.of(null, null).matches(row));
    }
}
