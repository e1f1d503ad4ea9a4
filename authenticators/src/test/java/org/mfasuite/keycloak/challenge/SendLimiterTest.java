package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SendLimiterTest {

    private static final CodeSettings SETTINGS = CodeSettings.defaults();

    /** Keycloak's single-use store, reduced to the map it behaves like (lifespans are not needed here). */
    static final class MapStore implements SingleUseObjectProvider {
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

    @Test
    void fiveSendsInTheWindowThenWaitUntilTheOldestAgesOut() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("realm:user", 1000 + i * 10, SETTINGS), "send " + (i + 1));
        }
        long wait = limiter.acquire("realm:user", 1050, SETTINGS);
        assertEquals(250, wait, "the first send (t=1000) frees its slot at t=1300");

        assertEquals(0, limiter.acquire("realm:user", 1300, SETTINGS));
        assertTrue(limiter.acquire("realm:user", 1301, SETTINGS) > 0, "still five in the window");
    }

    @Test
    void usersAreCountedApart() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        for (int i = 0; i < 5; i++) {
            limiter.acquire("realm:alice", 1000, SETTINGS);
        }
        assertTrue(limiter.acquire("realm:alice", 1000, SETTINGS) > 0);
        assertEquals(0, limiter.acquire("realm:bob", 1000, SETTINGS));
    }

    @Test
    void aSlotJustTakenByAnotherNodeCountsAsUsed() {
        MapStore store = new MapStore();
        SendLimiter limiter = new SendLimiter(store);
        CodeSettings one = new CodeSettings(6, 300, 3, 1, 300, 30);
        store.putIfAbsent("mfa-send:realm:user:0", 360); // taken, time not written yet
        assertTrue(limiter.acquire("realm:user", 5000, one) > 0);
    }
}
