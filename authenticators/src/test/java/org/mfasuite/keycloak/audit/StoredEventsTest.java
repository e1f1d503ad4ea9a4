package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventQuery;
import org.keycloak.events.EventType;

class StoredEventsTest {

    private static final EventType[] LOGINS = {EventType.LOGIN, EventType.LOGIN_ERROR};

    @Test
    void readsEveryEventOnceNewestFirstAcrossBatchesEvenWhenManyShareAMillisecond() {
        List<Event> stored = new ArrayList<>();
        for (int i = 0; i < 1_700; i++) {
            // 700 events in one millisecond straddle batch boundaries
            stored.add(Events.event(i % 3 == 0 ? EventType.LOGIN_ERROR : EventType.LOGIN, i < 700 ? 5_000 : 10_000 + i, "x"));
        }
        stored.add(Events.event(EventType.CODE_TO_TOKEN, 99_999, null));
        List<String> seen = new ArrayList<>();
        StoredEvents.Scan scan = new StoredEvents(() -> new ListQuery(stored)).scan(new TimeRange(0, Long.MAX_VALUE),
                LOGINS, 100_000, e -> seen.add(e.getId()));

        assertEquals(1_700, seen.size());
        assertEquals(1_700, new HashSet<>(seen).size(), "no event twice");
        assertEquals(1_700, scan.read());
        assertFalse(scan.truncated());
    }

    @Test
    void stopsWhenTheCallerHasEnoughOrTheBudgetIsSpent() {
        List<Event> stored = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            stored.add(Events.event(EventType.LOGIN, i, null));
        }
        List<Long> times = new ArrayList<>();
        StoredEvents.Scan enough = new StoredEvents(() -> new ListQuery(stored)).scan(new TimeRange(100, 1_000), LOGINS,
                10_000, e -> times.add(e.getTime()) && times.size() < 3);
        assertEquals(List.of(1_000L, 999L, 998L), times);
        assertFalse(enough.truncated());

        StoredEvents.Scan budget = new StoredEvents(() -> new ListQuery(stored)).scan(new TimeRange(0, 2_000), LOGINS,
                700, e -> true);
        assertEquals(700, budget.read());
        assertTrue(budget.truncated());
    }

    /** Keycloak's event query semantics over a list: types, inclusive times, newest first, a maximum. */
    private static final class ListQuery implements EventQuery {
        private final List<Event> events;
        private Set<EventType> types = Set.of();
        private long from = Long.MIN_VALUE;
        private long to = Long.MAX_VALUE;
        private int max = Integer.MAX_VALUE;

        ListQuery(List<Event> events) {
            this.events = events;
        }

        @Override public EventQuery type(EventType... t) { types = new HashSet<>(Arrays.asList(t)); return this; }
        @Override public EventQuery realm(String realmId) { return this; }
        @Override public EventQuery client(String clientId) { return this; }
        @Override public EventQuery user(String userId) { return this; }
        @Override public EventQuery fromDate(Date fromDate) { from = fromDate.getTime(); return this; }
        @Override public EventQuery fromDate(long fromDate) { from = fromDate; return this; }
        @Override public EventQuery toDate(Date toDate) { to = toDate.getTime(); return this; }
        @Override public EventQuery toDate(long toDate) { to = toDate; return this; }
        @Override public EventQuery ipAddress(String ipAddress) { return this; }
        @Override public EventQuery firstResult(int firstResult) { throw new AssertionError("no offsets"); }
        @Override public EventQuery maxResults(int m) { max = m; return this; }
        @Override public EventQuery orderByDescTime() { return this; }
        @Override public EventQuery orderByAscTime() { throw new AssertionError("newest first"); }

        @Override
        public Stream<Event> getResultStream() {
            // equal times in an arbitrary (here: reversed insertion) order, as a database may return them
            return events.stream().filter(e -> types.isEmpty() || types.contains(e.getType()))
                    .filter(e -> e.getTime() >= from && e.getTime() <= to)
                    .sorted(Comparator.comparingLong(Event::getTime).reversed()).limit(max);
        }
    }
}
