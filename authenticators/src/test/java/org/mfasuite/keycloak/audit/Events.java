package org.mfasuite.keycloak.audit;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/** Builds stored events as Keycloak records them, and a lookup over a fixed set of credentials and people. */
final class Events {

    static int ids;

    private Events() {
    }

    static Event event(EventType type, long time, String error, String... details) {
        Event e = new Event();
        e.setId("e" + (++ids));
        e.setType(type);
        e.setTime(time);
        e.setRealmId("realm-id");
        e.setRealmName("demo");
        e.setClientId("account-console");
        e.setUserId("u1");
        e.setIpAddress("203.0.113.9");
        e.setError(error);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put(details[i], details[i + 1]);
        }
        e.setDetails(map);
        return e;
    }

    static final class MapLookup implements SignInRows.Lookup {
        final Map<String, SignInRows.Credential> credentials = new HashMap<>();
        final Map<String, SignInRows.Person> people = new HashMap<>();
        int credentialReads;

        MapLookup credential(String id, String type, String label) {
            credentials.put(id, new SignInRows.Credential(type, label));
            return this;
        }

        MapLookup person(String userId, String username, String name, String email) {
            people.put(userId, new SignInRows.Person(username, name, email));
            return this;
        }

        @Override
        public SignInRows.Credential credential(String userId, String credentialId) {
            credentialReads++;
            return credentials.get(credentialId);
        }

        @Override
        public SignInRows.Person person(String userId) {
            return people.get(userId);
        }
    }
}
