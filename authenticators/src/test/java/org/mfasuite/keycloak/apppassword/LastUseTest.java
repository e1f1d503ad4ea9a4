package org.mfasuite.keycloak.apppassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class LastUseTest {

    /** The cluster-wide store as last-use needs it: an atomic putIfAbsent (lifespans left to the test). */
    static final class Store implements SingleUseObjectProvider {
        final Map<String, Long> keys = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            calls.incrementAndGet();
            return keys.putIfAbsent(key, lifespanInSeconds) == null;
        }

        void expireAll() {
            keys.clear();
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> get(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> remove(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean contains(String key) {
            return keys.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    private static final long NOW = 1_800_000_000L;

    @Test
    void aRecentStoredUseNeedsNoStoreCall() {
        Store store = new Store();
        assertFalse(new LastUse(store).shouldRecord("c1", NOW - 59, NOW));
        assertEquals(0, store.calls.get());
    }

    @Test
    void atMostOnceAMinutePerAppPassword() {
        Store store = new Store();
        LastUse lastUse = new LastUse(store);
        assertTrue(lastUse.shouldRecord("c1", 0, NOW), "never used: written");
        assertFalse(lastUse.shouldRecord("c1", 0, NOW + 1), "another node, before the first write is visible");
        assertTrue(lastUse.shouldRecord("c2", 0, NOW), "another app password has its own minute");
        store.expireAll(); // the marker lives 60 s
        assertTrue(lastUse.shouldRecord("c1", NOW, NOW + 60));
        assertEquals(LastUse.INTERVAL_SECONDS, store.keys.getOrDefault("mfa-app-password-used:c1", 0L));
    }

    @Test
    void manyParallelUsesWriteOnce() throws Exception {
        Store store = new Store();
        LastUse lastUse = new LastUse(store);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> lastUse.shouldRecord("c1", NOW - 3600, NOW)));
            }
            int writes = 0;
            for (Future<Boolean> r : results) {
                writes += r.get() ? 1 : 0;
            }
            assertEquals(1, writes);
        } finally {
            pool.shutdownNow();
        }
    }
}
