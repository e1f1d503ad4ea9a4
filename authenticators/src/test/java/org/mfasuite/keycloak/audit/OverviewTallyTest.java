package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mfasuite.keycloak.audit.Events.event;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class OverviewTallyTest {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long NOV_23 = 1_795_392_000_000L; // 2026-11-23T00:00:00Z
    private static final long NOW = NOV_23 + 2 * DAY;

    private final Events.MapLookup lookup = new Events.MapLookup().credential("otp-1", "otp", "Pixel 8");

    @Test
    void oneTallyGivesDaysBusiestHoursRefusalsAndFailureReasons() {
        OverviewTally tally = new OverviewTally(ZoneId.of("UTC"), NOW - DAY);
        // Nov 23: 3 messages at 10:xx, 1 at 11:xx; a wrong and an expired code, a right one; a wrong OTP
        for (int i = 0; i < 3; i++) {
            tally.add(send("sent", NOV_23 + 10 * HOUR + i), lookup);
        }
        tally.add(send("sent", NOV_23 + 11 * HOUR), lookup);
        tally.add(send("refused", NOV_23 + 11 * HOUR + 1), lookup);
        tally.add(event(EventType.LOGIN_ERROR, NOV_23 + 11 * HOUR + 2, "invalid_user_credentials", "mfa_method", "sms",
                "reason", "wrong_code"), lookup);
        tally.add(event(EventType.LOGIN_ERROR, NOV_23 + 11 * HOUR + 3, "expired_code", "mfa_method", "sms",
                "reason", "expired_code"), lookup);
        tally.add(event(EventType.LOGIN, NOV_23 + 11 * HOUR + 4, null, "mfa_method", "sms", "mfa_result", "valid"), lookup);
        tally.add(event(EventType.LOGIN_ERROR, NOV_23 + 12 * HOUR, "invalid_user_credentials",
                "selected_credential_id", "otp-1", "reason", "wrong_code"), lookup);
        // a refusal older than 24 hours is not counted; three within them (one names two policies, one none)
        tally.add(refusal(NOW - DAY - 1, "mfa_policy_block", "Block outside office"), lookup);
        tally.add(refusal(NOW - 3 * HOUR, "mfa_policy_block", "Block outside office"), lookup);
        tally.add(refusal(NOW - 2 * HOUR, "mfa_phishing_resistant_required", "Admins need keys,Block outside office"),
                lookup);
        tally.add(refusal(NOW - HOUR, "mfa_no_method", null), lookup);
        // a password-only failure is neither
        tally.add(event(EventType.LOGIN_ERROR, NOW - HOUR, "invalid_user_credentials", "mfa_method", "password"), lookup);

        assertEquals(List.of(new OverviewTally.BusiestHour("2026-11-23", "2026-11-23T10:00:00Z", 3)), tally.busiestHours());
        assertEquals(List.of(new OverviewTally.Count("wrong_code", 2), new OverviewTally.Count("expired_code", 1)),
                tally.failureReasons());
        assertEquals(3, tally.refusals());
        assertEquals(List.of(new OverviewTally.Count("Block outside office", 2), new OverviewTally.Count("", 1),
                new OverviewTally.Count("Admins need keys", 1)), tally.refusalsByPolicy());
        assertEquals(List.of(new OverviewTally.Count("mfa_no_method", 1), new OverviewTally.Count("mfa_phishing_resistant_required", 1),
                new OverviewTally.Count("mfa_policy_block", 1)), tally.refusalsByReason());
        assertEquals(List.of(new UsageTally.MethodDay("2026-11-23", "otp", 1, 0, 1, 0, 0, 0),
                new UsageTally.MethodDay("2026-11-23", "sms", 3, 1, 2, 4, 0, 1)), tally.usage().days());
    }

    @Test
    void keptDaysAddedToTodaysTallyCountAsOneTallyOfAll() {
        long today = NOV_23 + DAY;
        List<Event> events = List.of(
                send("sent", NOV_23 + 10 * HOUR), send("sent", NOV_23 + 10 * HOUR + 1), send("sent", today + HOUR),
                event(EventType.LOGIN_ERROR, NOV_23 + 11 * HOUR, "x", "mfa_method", "sms", "reason", "wrong_code"),
                event(EventType.LOGIN_ERROR, today + 2 * HOUR, "x", "mfa_method", "sms", "reason", "wrong_code"),
                event(EventType.LOGIN, today + 3 * HOUR, null, "mfa_method", "sms", "mfa_result", "valid"),
                refusal(NOV_23 + 20 * HOUR, "mfa_policy_block", "P"), // yesterday, within the last 24 hours
                refusal(NOV_23 + 2 * HOUR, "mfa_policy_block", "P"), // yesterday, before them
                refusal(today + 4 * HOUR, "mfa_policy_block", "P"));
        long now = today + 5 * HOUR;
        OverviewTally all = new OverviewTally(ZoneId.of("UTC"), now - DAY);
        events.forEach(e -> all.add(e, lookup));

        OverviewTally yesterday = new OverviewTally(ZoneId.of("UTC"), Long.MIN_VALUE, Long.MAX_VALUE);
        events.stream().filter(e -> e.getTime() < today).forEach(e -> yesterday.add(e, lookup));
        OverviewTally live = new OverviewTally(ZoneId.of("UTC"), today, now - DAY);
        events.stream().filter(e -> e.getTime() >= now - DAY).forEach(e -> live.add(e, lookup));
        live.addDays(yesterday);

        assertEquals(all.usage().days(), live.usage().days());
        assertEquals(all.busiestHours(), live.busiestHours());
        assertEquals(all.failureReasons(), live.failureReasons());
        assertEquals(2, live.refusals());
        assertEquals(all.refusalsByPolicy(), live.refusalsByPolicy());
        assertEquals(0, yesterday.refusals(), "a kept day brings no refusals: they are the last 24 hours'");
    }

    @Test
    void theTopListsStopAtTen() {
        OverviewTally tally = new OverviewTally(ZoneId.of("UTC"), 0);
        for (int i = 0; i < 12; i++) {
            tally.add(event(EventType.LOGIN_ERROR, NOV_23 + i, "x", "mfa_method", "sms", "reason", "r" + (i % 12)), lookup);
        }
        assertEquals(OverviewTally.TOP, tally.failureReasons().size());
        assertEquals("r0", tally.failureReasons().get(0).name(), "equal counts: by name");
    }

    private static Event refusal(long time, String reason, String policies) {
        return policies == null
                ? event(EventType.LOGIN_ERROR, time, "access_denied", "reason", reason, "mfa_access", "mfa")
                : event(EventType.LOGIN_ERROR, time, "access_denied", "reason", reason, "mfa_access", "block",
                "mfa_policies", policies);
    }

    private static Event send(String result, long time) {
        EventType type = result.equals("sent") ? EventType.CUSTOM_REQUIRED_ACTION : EventType.CUSTOM_REQUIRED_ACTION_ERROR;
        return event(type, time, result.equals("sent") ? null : "mfa_send_limit", "mfa_method", "sms", "mfa_step",
                "send", "mfa_result", result);
    }
}
