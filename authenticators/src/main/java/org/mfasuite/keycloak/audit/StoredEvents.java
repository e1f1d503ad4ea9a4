package org.mfasuite.keycloak.audit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.keycloak.events.Event;
import org.keycloak.events.EventQuery;
import org.keycloak.events.EventType;

/**
 * Reads Keycloak's stored events newest first, in batches, with a ceiling on how many one request may read. Batches
 * move by time (each ends where the last one stopped, events already seen at that millisecond skipped), not by
 * offset: the database never counts past rows, and events stored meanwhile cannot shift a page.
 */
public final class StoredEvents {

    static final int BATCH = 500;

    /** A query that filters in the database: realm, types, user, client (all optional but the realm). */
    private final Supplier<EventQuery> query;

    public StoredEvents(Supplier<EventQuery> query) {
        this.query = query;
    }

    /** @return what was read: how many events, and whether the budget stopped it before the range was done */
    public Scan scan(TimeRange range, EventType[] types, int budget, Predicate<Event> more) {
        long upper = range.to();
        Set<String> seenAtUpper = new HashSet<>();
        int read = 0;
        while (true) {
            int asked = BATCH + seenAtUpper.size();
            List<Event> batch = query.get().type(types).fromDate(range.from()).toDate(upper).orderByDescTime()
                    .maxResults(asked).getResultStream().toList();
            for (Event event : batch) {
                if (event.getTime() == upper && seenAtUpper.contains(event.getId())) {
                    continue;
                }
                if (read == budget) {
                    return new Scan(read, true);
                }
                read++;
                if (!more.test(event)) {
                    return new Scan(read, false);
                }
            }
            if (batch.size() < asked) {
                return new Scan(read, false);
            }
            long last = batch.get(batch.size() - 1).getTime();
            if (last != upper) {
                seenAtUpper.clear();
                upper = last;
            }
            for (Event event : batch) {
                if (event.getTime() == last) {
                    seenAtUpper.add(event.getId());
                }
            }
        }
    }

    /** @param truncated the budget ran out: older events of the range were not read */
    public record Scan(int read, boolean truncated) {
    }
}
