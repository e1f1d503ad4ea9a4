package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfasuite.keycloak.audit.Events.event;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;

class UsageTallyTest {

    private static final long DAY = 86_400_000L;
    private static final long NOV_23 = 1_795_392_000_000L; // 2026-11-23T00:00:00Z

    private final Events.MapLookup lookup = new Events.MapLookup().credential("otp-1", "otp", "Pixel 8");

    @Test
    void countsAttemptsAndMessagesPerDayAndMethod() {
        UsageTally tally = new UsageTally(ZoneId.of("UTC"));
        // day 1: two SMS codes sent, one wrong entry, one right; an OTP sign-in; a password-only sign-in
        tally.add(send("sent", NOV_23 + 1), lookup);
        tally.add(event(EventType.LOGIN_ERROR, NOV_23 + 2, "invalid_user_credentials", "mfa_method", "sms",
                "mfa_result", "wrong"), lookup);
        tally.add(send("sent", NOV_23 + 3), lookup);
        tally.add(event(EventType.LOGIN, NOV_23 + 4, null, "mfa_method", "sms", "mfa_result", "valid"), lookup);
        tally.add(event(EventType.LOGIN, NOV_23 + 5, null, "selected_credential_id", "otp-1"), lookup);
        tally.add(event(EventType.LOGIN, NOV_23 + 6, null), lookup);
        // day 2: a failed and a refused send, an expired code
        tally.add(send("failed", NOV_23 + DAY), lookup);
        tally.add(send("refused", NOV_23 + DAY + 1), lookup);
        tally.add(event(EventType.LOGIN_ERROR, NOV_23 + DAY + 2, "expired_code", "mfa_method", "sms"), lookup);

        assertEquals(List.of(
                new UsageTally.MethodDay("2026-11-23", "otp", 1, 1, 0, 0, 0, 0),
                new UsageTally.MethodDay("2026-11-23", "sms", 2, 1, 1, 2, 0, 0),
                new UsageTally.MethodDay("2026-11-24", "sms", 1, 0, 1, 0, 1, 1)), tally.days());
        assertEquals(List.of(
                new UsageTally.MethodDay(null, "otp", 1, 1, 0, 0, 0, 0),
                new UsageTally.MethodDay(null, "sms", 3, 1, 2, 2, 1, 1)), tally.totals());
    }

    @Test
    void daysFollowTheRequestedTimeZone() {
        UsageTally utc = new UsageTally(ZoneId.of("UTC"));
        UsageTally stockholm = new UsageTally(ZoneId.of("Europe/Stockholm"));
        // 23:30 UTC on the 23rd is 00:30 on the 24th in Stockholm (UTC+1 in November)
        long lateEvening = NOV_23 + DAY - 30 * 60_000L;
        utc.add(send("sent", lateEvening), lookup);
        stockholm.add(send("sent", lateEvening), lookup);
        assertEquals("2026-11-23", utc.days().get(0).day());
        assertEquals("2026-11-24", stockholm.days().get(0).day());
    }

    private static org.keycloak.events.Event send(String result, long time) {
        EventType type = result.equals("sent") ? EventType.CUSTOM_REQUIRED_ACTION : EventType.CUSTOM_REQUIRED_ACTION_ERROR;
        return event(type, time, result.equals("sent") ? null : "mfa_gateway_failed", "custom_required_action",
                "mfa-sms", "mfa_method", "sms", "mfa_step", "send", "mfa_gateway", "dev", "mfa_result", result);
    }
}
