package org.mfasuite.keycloak.challenge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak's single-use store, reduced to the map it behaves like: atomic putIfAbsent, as the replicated
 * cache gives it cluster-wide. Lifespans are not needed by the tests.
 */
final class MapStore implements SingleUseObjectProvider {

    final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        entries.put(key, new HashMap<>(notes));
    }

    @Override
    public Map<String, String> get(String key) {
        return entries.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        return entries.replace(key, notes) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        return entries.putIfAbsent(key, new HashMap<>()) == null;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public void close() {
    }
}
