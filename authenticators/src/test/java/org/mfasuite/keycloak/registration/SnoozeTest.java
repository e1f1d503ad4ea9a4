package org.mfasuite.keycloak.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SnoozeTest {

    private static final long NOW = 1_800_000_000L;
    private final RegisterSettings settings = RegisterSettings.from(Map.of("snooze-days", "2", "max-snoozes", "2"));

    @Test
    void aSnoozeHoldsForItsDaysThenThePromptComesBack() {
        Snooze once = Snooze.NONE.snoozed(NOW, settings);
        assertEquals(1, once.count());
        assertFalse(once.asks(NOW));
        assertFalse(once.asks(NOW + 2 * 86_400 - 1));
        assertTrue(once.asks(NOW + 2 * 86_400));
    }

    @Test
    void theLastSnoozeHoldsItsDaysThenThePromptCannotBeSnoozed() {
        Snooze twice = Snooze.NONE.snoozed(NOW, settings).snoozed(NOW + 3 * 86_400, settings);
        assertEquals(2, twice.count());
        assertFalse(twice.canSnooze(settings));
        assertFalse(twice.asks(NOW + 3 * 86_400 + 1), "the last Not now holds too");
        assertTrue(twice.asks(NOW + 5 * 86_400));
    }

    @Test
    void zeroDaysMeansUntilTheNextSignIn() {
        RegisterSettings zero = RegisterSettings.from(Map.of("snooze-days", "0"));
        assertTrue(Snooze.NONE.snoozed(NOW, zero).asks(NOW));
    }

    @Test
    void readsUserAttributesAndIgnoresGarbage() {
        assertEquals(new Snooze(2, 55), Snooze.from(Map.of(Snooze.COUNT_ATTRIBUTE, "2", Snooze.UNTIL_ATTRIBUTE, "55")));
        assertEquals(Snooze.NONE, Snooze.from(Map.of(Snooze.COUNT_ATTRIBUTE, "x", Snooze.UNTIL_ATTRIBUTE, "-4")));
        assertEquals(Snooze.NONE, Snooze.from(Map.of()));
    }
}
