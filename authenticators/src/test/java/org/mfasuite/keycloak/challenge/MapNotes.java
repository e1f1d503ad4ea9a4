package org.mfasuite.keycloak.challenge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Authentication-session notes as a map; thread-safe, as parallel requests share one session's notes. */
final class MapNotes implements ChallengeStore.Notes {

    final Map<String, String> entries = new ConcurrentHashMap<>();

    /**
     * A request's own copy, as each Keycloak request works on the authentication session it loaded:
     * parallel requests do not see each other's writes.
     */
    MapNotes copy() {
        MapNotes copy = new MapNotes();
        copy.entries.putAll(entries);
        return copy;
    }

    @Override
    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public void set(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }
}
