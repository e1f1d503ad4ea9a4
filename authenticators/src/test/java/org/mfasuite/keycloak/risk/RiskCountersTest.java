package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
            new RiskCounters(store).pushUnanswered("r", "u", 3, NOW);
            store = store.nextRequest();
        }
        assertFalse(new RiskCounters(store).isFatigued("r", "u", 3, NOW));
        new RiskCounters(store).pushUnanswered("r", "u", 3, NOW);
        store = store.nextRequest();
        assertTrue(new RiskCounters(store).isFatigued("r", "u", 3, NOW));
        assertFalse(new RiskCounters(store).isFatigued("r", "other", 3, NOW));
        assertFalse(new RiskCounters(store).isFatigued("r", "u", 3, NOW + 3600));
    }
}
