package org.mfasuite.keycloak.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * Counts stored events per day (in one time zone) and method: second-factor attempts (the sign-in log's rows) with
 * their successes and failures, and messages sent, failed and refused (the SMS bill, sign-in and registration alike).
 */
public final class UsageTally {

    /** One method on one day. A day with no activity of a method has no entry. */
    public record MethodDay(String day, String method, long attempts, long successes, long failures,
                            long messagesSent, long messagesFailed, long messagesRefused) {
    }

    private static final class Counts {
        long attempts;
        long successes;
        long failures;
        long sent;
        long failed;
        long refused;
    }

    private final ZoneId zone;
    private final Map<String, Map<String, Counts>> days = new TreeMap<>();

    public UsageTally(ZoneId zone) {
        this.zone = zone;
    }

    public void add(Event event, SignInRows.Lookup lookup) {
        String method = SignInRows.method(event, lookup);
        if (method != null) {
            Counts c = counts(event.getTime(), method);
            c.attempts++;
            if (event.getType() == EventType.LOGIN) {
                c.successes++;
            } else {
                c.failures++;
            }
            return;
        }
        SignInRows.Send send = SignInRows.send(event);
        if (send != null) {
            Counts c = counts(event.getTime(), send.channel());
            switch (send.result()) {
                case "sent" -> c.sent++;
                case "refused" -> c.refused++;
                default -> c.failed++;
            }
        }
    }

    /** Adds another tally's counts (of other days, or of other events of the same days). */
    public void addAll(UsageTally other) {
        other.days.forEach((day, methods) -> methods.forEach((method, c) -> {
            Counts t = days.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(method, m -> new Counts());
            t.attempts += c.attempts;
            t.successes += c.successes;
            t.failures += c.failures;
            t.sent += c.sent;
            t.failed += c.failed;
            t.refused += c.refused;
        }));
    }

    /** Oldest day first; within a day, methods by name. */
    public List<MethodDay> days() {
        List<MethodDay> rows = new ArrayList<>();
        days.forEach((day, methods) -> methods.forEach((method, c) -> rows.add(
                new MethodDay(day, method, c.attempts, c.successes, c.failures, c.sent, c.failed, c.refused))));
        return rows;
    }

    /** The whole range per method (the {@code day} field is null). */
    public List<MethodDay> totals() {
        Map<String, Counts> totals = new TreeMap<>();
        days.values().forEach(methods -> methods.forEach((method, c) -> {
            Counts t = totals.computeIfAbsent(method, m -> new Counts());
            t.attempts += c.attempts;
            t.successes += c.successes;
            t.failures += c.failures;
            t.sent += c.sent;
            t.failed += c.failed;
            t.refused += c.refused;
        }));
        List<MethodDay> rows = new ArrayList<>();
        totals.forEach((method, c) -> rows.add(new MethodDay(null, method, c.attempts, c.successes, c.failures,
                c.sent, c.failed, c.refused)));
        return rows;
    }

    private Counts counts(long time, String method) {
        String day = Instant.ofEpochMilli(time).atZone(zone).toLocalDate().toString();
        return days.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(method, m -> new Counts());
    }
}
