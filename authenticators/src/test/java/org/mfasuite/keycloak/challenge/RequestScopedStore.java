package org.mfasuite.keycloak.challenge;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Keycloak 26.7's single-use store as one request sees it: putIfAbsent, remove and replace act at once on
 * the shared cache (atomically, as the replicated cache does cluster-wide); put is queued until the request
 * commits, and a second put of one key in a request fails ("Can't add session: task in progress").
 * Lifespans are not modelled. Every store-backed unit test uses it, so none can pass on semantics Keycloak
 * does not have.
 */
public final class RequestScopedStore implements SingleUseObjectProvider {

    private final Map<String, Map<String, String>> shared;
    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();

    public RequestScopedStore() {
        this(new ConcurrentHashMap<>());
    }

    private RequestScopedStore(Map<String, Map<String, String>> shared) {
        this.shared = shared;
    }

    /** Commits this request's puts and returns a store for the next request on the same cache. */
    public RequestScopedStore nextRequest() {
        shared.putAll(pending);
        pending.clear();
        return new RequestScopedStore(shared);
    }

    /** Every key held, committed or pending. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>(shared.keySet());
        keys.addAll(pending.keySet());
        return keys;
    }

    /** Empties the cache and this request's pending puts. */
    void clear() {
        shared.clear();
        pending.clear();
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        if (pending.putIfAbsent(key, new HashMap<>(notes)) != null) {
            throw new IllegalStateException("Can't add session: task in progress for session");
        }
    }

    @Override
    public Map<String, String> get(String key) {
        return pending.containsKey(key) ? pending.get(key) : shared.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        return shared.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        return shared.replace(key, notes) != null;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        return shared.putIfAbsent(key, new HashMap<>()) == null;
    }

    @Override
    public boolean contains(String key) {
        return shared.containsKey(key);
    }

    @Override
    public void close() {
    }
}
