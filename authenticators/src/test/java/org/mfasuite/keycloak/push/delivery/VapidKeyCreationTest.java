package org.mfasuite.keycloak.push.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VapidKeyCreationTest {

    /** A realm attribute that other "nodes" may fill while we wait. */
    private static final class Attribute implements VapidKeyCreation.Store {
        String value;
        final List<String> writes = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        Runnable onRead = () -> { };

        @Override
        public String read() {
            reads.incrementAndGet();
            onRead.run();
            return value;
        }

        @Override
        public void write(String encoded) {
            writes.add(encoded);
            value = encoded;
        }
    }

    private static final VapidKeyCreation.Pause NO_PAUSE = millis -> { };

    @Test
    void aStoredKeyIsUsedWithoutClaimingAnything() {
        Attribute attribute = new Attribute();
        VapidKeys stored = VapidKeys.generate();
        attribute.value = stored.encode();

        VapidKeys keys = VapidKeyCreation.getOrCreate(attribute, () -> {
            throw new AssertionError("no claim needed");
        }, NO_PAUSE);

        assertEquals(stored.publicKeyBase64Url(), keys.publicKeyBase64Url());
        assertTrue(attribute.writes.isEmpty());
    }

    @Test
    void theClaimsWinnerCreatesAndStoresOnce() {
        Attribute attribute = new Attribute();

        VapidKeys keys = VapidKeyCreation.getOrCreate(attribute, () -> true, NO_PAUSE);

        assertEquals(List.of(keys.encode()), attribute.writes);
        assertEquals(keys.publicKeyBase64Url(), VapidKeyCreation.getOrCreate(attribute, () -> false, NO_PAUSE).publicKeyBase64Url());
    }

    @Test
    void aWinnerWhoseClaimCameAfterAnotherNodesCreationTakesThatKey() {
        Attribute attribute = new Attribute();
        VapidKeys other = VapidKeys.generate();
        // first read: nothing yet; by the second (after the claim) the other node's key is committed
        attribute.onRead = () -> attribute.value = attribute.reads.get() >= 2 ? other.encode() : null;

        VapidKeys keys = VapidKeyCreation.getOrCreate(attribute, () -> true, NO_PAUSE);

        assertEquals(other.publicKeyBase64Url(), keys.publicKeyBase64Url());
        assertTrue(attribute.writes.isEmpty(), "never overwrites another node's key");
    }

    @Test
    void aLoserWaitsForTheWinnersKey() {
        Attribute attribute = new Attribute();
        VapidKeys winners = VapidKeys.generate();
        List<Long> pauses = new ArrayList<>();
        attribute.onRead = () -> attribute.value = attribute.reads.get() >= 4 ? winners.encode() : null;

        VapidKeys keys = VapidKeyCreation.getOrCreate(attribute, () -> false, pauses::add);

        assertEquals(winners.publicKeyBase64Url(), keys.publicKeyBase64Url());
        assertEquals(List.of(100L, 100L, 100L), pauses);
        assertTrue(attribute.writes.isEmpty());
    }

    @Test
    void aLoserGivesUpAfterAboutThreeSeconds() {
        Attribute attribute = new Attribute();
        List<Long> pauses = new ArrayList<>();

        assertThrows(IllegalStateException.class, () -> VapidKeyCreation.getOrCreate(attribute, () -> false, pauses::add));
        assertEquals(3000L, pauses.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aDamagedStoredKeyIsReplacedUnderTheClaim() {
        Attribute attribute = new Attribute();
        attribute.value = "damaged";

        VapidKeys keys = VapidKeyCreation.getOrCreate(attribute, () -> true, NO_PAUSE);

        assertNotEquals("damaged", attribute.value);
        assertEquals(keys.encode(), attribute.value);
    }
}
