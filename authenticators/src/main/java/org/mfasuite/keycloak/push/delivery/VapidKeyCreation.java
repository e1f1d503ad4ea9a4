package org.mfasuite.keycloak.push.delivery;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Get-or-create of a realm's VAPID key pair, once cluster-wide: whoever wins the claim creates it (after reading
 * again: the claim may have expired after another node's creation), the others read until it appears. A key
 * created twice would make the first one's subscriptions useless.
 */
final class VapidKeyCreation {

    private static final Logger LOG = Logger.getLogger(VapidKeyCreation.class);

    /** The stored encoded key pair. {@code read} must see what other nodes have committed. */
    interface Store {
        String read();

        void write(String encoded);
    }

    interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    static final int READS = 30;
    static final long PAUSE_MILLIS = 100;

    private VapidKeyCreation() {
    }

    /** @throws IllegalStateException when another node claimed the creation but nothing appeared within ~3 s */
    static VapidKeys getOrCreate(Store store, BooleanSupplier claim, Pause pause) {
        return getOrCreate(store, claim, pause, VapidKeys::generate);
    }

    /**
     * The same, storing {@code fresh}'s key when none is stored (a new key, or one moved from older storage); when
     * {@code fresh} gives null, nothing is stored and null is returned.
     */
    static VapidKeys getOrCreate(Store store, BooleanSupplier claim, Pause pause, Supplier<VapidKeys> fresh) {
        VapidKeys existing = decode(store.read());
        if (existing != null) {
            return existing;
        }
        if (claim.getAsBoolean()) {
            VapidKeys again = decode(store.read());
            if (again != null) {
                return again;
            }
            VapidKeys created = fresh.get();
            if (created == null) {
                return null;
            }
            store.write(created.encode());
            LOG.infof("Stored the VAPID key pair for Web Push, public key %s", created.publicKeyBase64Url());
            return created;
        }
        for (int i = 0; i < READS; i++) {
            try {
                pause.pause(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            VapidKeys created = decode(store.read());
            if (created != null) {
                return created;
            }
        }
        throw new IllegalStateException("The realm's VAPID key is being created elsewhere and has not appeared yet");
    }

    private static VapidKeys decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            return VapidKeys.decode(stored);
        } catch (IllegalArgumentException e) {
            // an edited store: a new key is the only way back to working push (devices subscribe again)
            LOG.warnf("The realm's stored VAPID key cannot be read (%s); a new one replaces it", e.getMessage());
            return null;
        }
    }
}
