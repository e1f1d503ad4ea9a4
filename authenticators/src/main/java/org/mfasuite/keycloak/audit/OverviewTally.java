package org.mfasuite.keycloak.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Everything the console's overview shows, counted in one pass over the stored events: the usage report's days
 * (sign-ins by method with successes and failures, messages sent), each day's busiest clock hour of messages (what
 * the realm's hourly budget caps), refusals by conditional access in the last 24 hours by policy and by reason, and
 * the most frequent reasons second-factor attempts failed.
 */
public final class OverviewTally {

    /** How many failure reasons and policies the overview lists at most. */
    static final int TOP = 10;
    /** Policy key of a refusal that named no policy (e.g. a user with no method where a policy demanded one). */
    public static final String NO_POLICY = "";

    /** A name and how often it was seen. */
    public record Count(String name, long count) {
    }

    /** A day's busiest clock hour (UTC) of sent messages, all channels together, as the realm budget counts them. */
    public record BusiestHour(String day, String hour, long sent) {
    }

    private final UsageTally usage;
    private final ZoneId zone;
    private final long usageFrom;
    private final long refusalsSince;
    private final Map<Long, Long> sentPerHour = new HashMap<>();
    private final Map<String, Long> failureReasons = new HashMap<>();
    private final Map<String, Long> refusalsByPolicy = new HashMap<>();
    private final Map<String, Long> refusalsByReason = new HashMap<>();
    private long refusals;

    /** @param refusalsSince epoch millis: refusals from then on are counted (the last 24 hours) */
    public OverviewTally(ZoneId zone, long refusalsSince) {
        this(zone, Long.MIN_VALUE, refusalsSince);
    }

    /**
     * @param usageFrom     epoch millis: everything but refusals is counted only for events from then on
     * @param refusalsSince epoch millis: refusals from then on are counted ({@link Long#MAX_VALUE}: none)
     */
    public OverviewTally(ZoneId zone, long usageFrom, long refusalsSince) {
        this.usage = new UsageTally(zone);
        this.zone = zone;
        this.usageFrom = usageFrom;
        this.refusalsSince = refusalsSince;
    }

    /** Adds the counts of a tally of other days (its refusals are not taken: they are this tally's window). */
    public void addDays(OverviewTally days) {
        usage.addAll(days.usage);
        days.sentPerHour.forEach((hour, n) -> sentPerHour.merge(hour, n, Long::sum));
        days.failureReasons.forEach((reason, n) -> failureReasons.merge(reason, n, Long::sum));
    }

    public void add(Event event, SignInRows.Lookup lookup) {
        if (event.getTime() < usageFrom) {
            if (event.getTime() >= refusalsSince && event.getType() == EventType.LOGIN_ERROR) {
                String reason = event.getDetails() == null ? null : event.getDetails().get(Details.REASON);
                if (isRefusal(event, reason)) {
                    refusal(event);
                }
            }
            return;
        }
        usage.add(event, lookup);
        SignInRows.Send send = SignInRows.send(event);
        if (send != null) {
            if ("sent".equals(send.result())) {
                sentPerHour.merge(event.getTime() / 3_600_000L, 1L, Long::sum);
            }
            return;
        }
        if (event.getType() != EventType.LOGIN_ERROR) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String reason = details.get(Details.REASON);
        if (isRefusal(event, reason)) {
            if (event.getTime() >= refusalsSince) {
                refusal(event);
            }
            return;
        }
        if (SignInRows.method(event, lookup) != null) {
            SignInRow row = SignInRows.row(event, lookup);
            failureReasons.merge(row.reason() == null ? "unknown" : row.reason(), 1L, Long::sum);
        }
    }

    private void refusal(Event event) {
        Map<String, String> details = event.getDetails();
        refusals++;
        refusalsByReason.merge(details.get(Details.REASON), 1L, Long::sum);
        String policies = details.get(SignInRows.POLICIES);
        if (policies == null || policies.isBlank()) {
            refusalsByPolicy.merge(NO_POLICY, 1L, Long::sum);
        } else {
            for (String policy : policies.split(",")) {
                refusalsByPolicy.merge(policy.trim(), 1L, Long::sum);
            }
        }
    }

    /** A conditional-access refusal: the gate's (and the app-password step's) {@code access_denied} with an mfa_ reason. */
    static boolean isRefusal(Event event, String reason) {
        return Errors.ACCESS_DENIED.equals(event.getError()) && reason != null && reason.startsWith("mfa_");
    }

    public UsageTally usage() {
        return usage;
    }

    /** Per day (in the tally's zone) with messages sent: its busiest clock hour. Oldest day first. */
    public List<BusiestHour> busiestHours() {
        Map<String, BusiestHour> days = new TreeMap<>();
        sentPerHour.forEach((hour, sent) -> {
            Instant start = Instant.ofEpochMilli(hour * 3_600_000L);
            String day = start.atZone(zone).toLocalDate().toString();
            BusiestHour now = days.get(day);
            if (now == null || sent > now.sent() || sent == now.sent() && start.toString().compareTo(now.hour()) < 0) {
                days.put(day, new BusiestHour(day, start.toString(), sent));
            }
        });
        return List.copyOf(days.values());
    }

    public List<Count> failureReasons() {
        return top(failureReasons);
    }

    public long refusals() {
        return refusals;
    }

    public List<Count> refusalsByPolicy() {
        return top(refusalsByPolicy);
    }

    public List<Count> refusalsByReason() {
        return top(refusalsByReason);
    }

    /** Most frequent first, then by name; at most {@link #TOP}. */
    static List<Count> top(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::name))
                .limit(TOP).toList();
    }
}
