package org.mfasuite.keycloak.audit;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * Reads Keycloak's stored events ({@code EVENT_ENTITY}, Keycloak's JPA event store) with one query each, where
 * Keycloak's {@code EventQuery} cannot: the overview reads a whole range in one pass, fetching only the columns it
 * needs as a stream (no entity per row, no page queries), and a helpdesk reference is looked up in the details.
 * Details are read as Keycloak writes them: {@code DETAILS_JSON_LONG_VALUE} since Keycloak 23, else the older
 * {@code DETAILS_JSON}.
 */
final class EventTable {

    private static final String COLUMNS = "select e.id, e.time, e.type, e.userId, e.clientId, e.ipAddress, e.error,"
            + " e.detailsJson, e.detailsJsonLongValue from EventEntity e where e.realmId = :realm";
    private static final int FETCH = 1000;
    /** How far back each step of a reference search reaches: a day, a week, then everything older. */
    static final long[] REFERENCE_WINDOWS = {86_400_000L, 7 * 86_400_000L, Long.MAX_VALUE};

    private final EntityManager em;
    private final String realmId;

    EventTable(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /** The range's events of these types, newest first, until {@code more} says stop or {@code budget} were read. */
    StoredEvents.Scan scan(TimeRange range, EventType[] types, int budget, Predicate<Event> more) {
        TypedQuery<Object[]> query = em.createQuery(COLUMNS
                        + " and e.type in :types and e.time >= :from and e.time <= :to order by e.time desc", Object[].class)
                .setParameter("realm", realmId)
                .setParameter("types", Arrays.stream(types).map(EventType::name).toList())
                .setParameter("from", range.from()).setParameter("to", range.to())
                .setMaxResults(budget + 1).setHint("org.hibernate.fetchSize", FETCH).setHint("org.hibernate.readOnly", true);
        try (Stream<Object[]> rows = query.getResultStream()) {
            Iterator<Object[]> it = rows.iterator();
            int read = 0;
            while (it.hasNext()) {
                Object[] row = it.next();
                if (read == budget) {
                    return new StoredEvents.Scan(read, true);
                }
                read++;
                Event event = event(row);
                if (event != null && !more.test(event)) {
                    return new StoredEvents.Scan(read, false);
                }
            }
            return new StoredEvents.Scan(read, false);
        }
    }

    /**
     * Events whose details carry this helpdesk reference ({@code mfa_ref}), newest first. Only error events are read
     * ({@code LOGIN_ERROR}: refusals and failed checks; {@code CUSTOM_REQUIRED_ACTION_ERROR}: a registration that
     * cannot go on, a fraud report): what a helpdesk is asked about (a sign-in's successful events carry its reference
     * too, but are not searched); the reference is matched inside their details' JSON text, which no
     * index serves. So the search goes back in time, newest first, a window at a time ({@link #REFERENCE_WINDOWS}):
     * a reference read out the same day (the usual call) costs a day's events, found through Keycloak's index on
     * realm and time; only an old one costs reading the realm's older error events.
     */
    List<Event> withReference(String reference, long now, int max) {
        String like = "%\"" + SupportDetails.EVENT_DETAIL + "\":\"" + reference + "\"%";
        long upper = Long.MAX_VALUE; // events stamped after now (a server clock moved back) are found too
        for (long window : REFERENCE_WINDOWS) {
            long lower = window == Long.MAX_VALUE ? Long.MIN_VALUE : now - window;
            List<Event> found = em.createQuery(COLUMNS + " and e.type in :types and e.time >= :from and e.time <= :to"
                            + " and (e.detailsJsonLongValue like :ref or e.detailsJson like :ref) order by e.time desc",
                            Object[].class)
                    .setParameter("realm", realmId).setParameter("ref", like).setParameter("from", lower)
                    .setParameter("to", upper).setMaxResults(max)
                    .setParameter("types", List.of(EventType.LOGIN_ERROR.name(), EventType.CUSTOM_REQUIRED_ACTION_ERROR.name()))
                    .getResultList().stream().map(EventTable::event)
                    .filter(e -> e != null && reference.equals(e.getDetails().get(SupportDetails.EVENT_DETAIL))).toList();
            if (!found.isEmpty()) {
                return found;
            }
            upper = lower - 1;
        }
        return List.of();
    }

    /** One row as Keycloak's event, or null for a type this Keycloak does not know. */
    @SuppressWarnings("unchecked")
    static Event event(Object[] row) {
        EventType type;
        try {
            type = EventType.valueOf((String) row[2]);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        Event event = new Event();
        event.setId((String) row[0]);
        event.setTime(((Number) row[1]).longValue());
        event.setType(type);
        event.setUserId((String) row[3]);
        event.setClientId((String) row[4]);
        event.setIpAddress((String) row[5]);
        event.setError((String) row[6]);
        String json = row[8] != null ? (String) row[8] : (String) row[7];
        Map<String, String> details = null;
        if (json != null) {
            try {
                details = JsonSerialization.readValue(json, Map.class);
            } catch (IOException | RuntimeException ignored) {
                // as Keycloak does with details it cannot read: the event without them
            }
        }
        event.setDetails(details == null ? Map.of() : details);
        return event;
    }
}
