package org.mfasuite.keycloak.it;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Stored events made on the server through Keycloak's own event store ({@code EventStoreProvider.onEvent}), as a
 * sign-in would leave them: for the console's pages, whose numbers must be exactly what the seed implies. Only
 * Keycloak types here: the server loads this class.
 */
final class SeededEvents {

    private SeededEvents() {
    }

    /**
     * One event per entry: {type, userId, clientId, error or "", secondsAgo, detail key, value, key, value, ...}.
     */
    static RunOnServer store(String[][] events) {
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            for (String[] e : events) {
                Event event = new Event();
                event.setId(UUID.randomUUID().toString());
                event.setType(EventType.valueOf(e[0]));
                event.setRealmId(realm.getId());
                event.setRealmName(realm.getName());
                event.setUserId(e[1]);
                event.setClientId(e[2]);
                event.setError(e[3].isEmpty() ? null : e[3]);
                event.setTime(Time.currentTimeMillis() - Long.parseLong(e[4]) * 1000L);
                event.setIpAddress("203.0.113.9");
                Map<String, String> details = new HashMap<>();
                for (int i = 5; i + 1 < e.length; i += 2) {
                    details.put(e[i], e[i + 1]);
                }
                event.setDetails(details);
                store.onEvent(event);
            }
        };
    }
}
