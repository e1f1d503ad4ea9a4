package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;
import org.mfasuite.keycloak.challenge.RequestScopedStore;

class RiskCountersTest {

    private static final long NOW = 1_800_000_000L - Math.floorMod(1_800_000_000L, 3600) + 60;

    @Test
    void anAddressFailingForNDifferentUsersIsASpraySource() {
        RequestScopedStore store = new RequestScopedStore();
        for (int i = 0; i < 4; i++) {
            new RiskCounters(store).passwordFailed("r", "203.0.113.9", "user-" + i, 5, NOW);
            store = store.nextRequest();
        }
        // the same user again and again is no spray
        for (int i = 0; i < 10; i++) {
            new RiskCounters(store).passwordFailed("r", "203.0.113.9", "user-0", 5, NOW);
            store = store.nextRequest();
        }
        assertFalse(new RiskCounters(store).isSpraySource("r", "203.0.113.9", 5, NOW));
        new RiskCounters(store).passwordFailed("r", "203.0.113.9", "user-4", 5, NOW);
        store = store.nextRequest();
        assertTrue(new RiskCounters(store).isSpraySource("r", "203.0.113.9", 5, NOW));
        assertFalse(new RiskCounters(store).isSpraySource("r", "203.0.113.10", 5, NOW), "another address");
        assertFalse(new RiskCounters(store).isSpraySource("other", "203.0.113.9", 5, NOW), "another realm");
        assertFalse(new RiskCounters(store).isSpraySource("r", "203.0.113.9", 5, NOW + 3600), "the next hour");
    }

    @Test
    void pushesDeniedOrUnansweredMakeFatigue() {
        RequestScopedStore store = new RequestScopedStore();
        for (int i = 0; i < 2; i++) {
            new RiskCounters(store).pushUnanswered("r", "u", "c" + i, 3, NOW);
            store = store.nextRequest();
        }
        assertFalse(new RiskCounters(store).isFatigued("r", "u", 3, NOW));
        // the same push seen again (the device's deny, then the browser or a resend): counted once
        new RiskCounters(store).pushUnanswered("r", "u", "c1", 3, NOW);
        store = store.nextRequest();
        assertFalse(new RiskCounters(store).isFatigued("r", "u", 3, NOW));
        new RiskCounters(store).pushUnanswered("r", "u", "c2", 3, NOW);
        store = store.nextRequest();
        assertTrue(new RiskCounters(store).isFatigued("r", "u", 3, NOW));
        assertFalse(new RiskCounters(store).isFatigued("r", "other", 3, NOW));
        assertFalse(new RiskCounters(store).isFatigued("r", "u", 3, NOW + 3600));
    }

    @Test
    void aSourceIsNotCountedFurtherAndNamesAreNotInKeys() {
        RequestScopedStore store = new RequestScopedStore();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            new RiskCounters(recording(store, keys)).passwordFailed("r", "203.0.113.9", "name:mallory-" + i, 3, NOW);
            store = store.nextRequest();
        }
        assertTrue(new RiskCounters(store).isSpraySource("r", "203.0.113.9", 3, NOW));
        assertTrue(keys.stream().noneMatch(k -> k.contains("mallory")), keys.toString());
        // the third user took ticket 2 with few calls: the hint of the committed tickets, no scan from 0
        int before = keys.size();
        new RiskCounters(recording(store, keys)).passwordFailed("r", "203.0.113.9", "name:mallory-9", 3, NOW);
        assertEquals(before, keys.size(), "a source writes nothing more: " + keys.subList(before, keys.size()));
    }

    @Test
    void ipv6CountsByItsSlash64() {
        RequestScopedStore store = new RequestScopedStore();
        new RiskCounters(store).passwordFailed("r", "2001:db8:1:2::a", "u1", 2, NOW);
        store = store.nextRequest();
        new RiskCounters(store).passwordFailed("r", "2001:db8:1:2:ffff::b", "u2", 2, NOW);
        store = store.nextRequest();
        assertTrue(new RiskCounters(store).isSpraySource("r", "2001:db8:1:2::77", 2, NOW));
        assertFalse(new RiskCounters(store).isSpraySource("r", "2001:db8:1:3::a", 2, NOW), "another /64");
        assertEquals("2001:db8:1:2::/64", RiskCounters.source("2001:0db8:0001:0002:0:0:0:1"));
        assertEquals("203.0.113.9", RiskCounters.source("203.0.113.9"));
    }

    /** The store, noting every key a putIfAbsent or put writes. */
    private static SingleUseObjectProvider recording(SingleUseObjectProvider store, List<String> keys) {
        return new SingleUseObjectProvider() {
            @Override
            public void put(String key, long lifespanSeconds, Map<String, String> notes) {
                keys.add(key);
                store.put(key, lifespanSeconds, notes);
            }

            @Override
            public Map<String, String> get(String key) {
                return store.get(key);
            }

            @Override
            public Map<String, String> remove(String key) {
                return store.remove(key);
            }

            @Override
            public boolean replace(String key, Map<String, String> notes) {
                return store.replace(key, notes);
            }

            @Override
            public boolean putIfAbsent(String key, long lifespanInSeconds) {
                keys.add(key);
                return store.putIfAbsent(key, lifespanInSeconds);
            }

            @Override
            public boolean contains(String key) {
                return store.contains(key);
            }

            @Override
            public void close() {
            }
        };
    }
}
