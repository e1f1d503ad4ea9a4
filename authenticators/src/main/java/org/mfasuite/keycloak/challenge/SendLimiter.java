package org.mfasuite.keycloak.challenge;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * At most N codes per user in a rolling window, counted cluster-wide. Each send takes one of N slots in
 * Keycloak's single-use store (a replicated cache with atomic putIfAbsent); a slot is free again once its
 * send is older than the window by Keycloak's clock, so the limit follows the server's time offset.
 */
public final class SendLimiter {

    private static final String TIME = "t";

    private final SingleUseObjectProvider store;

    public SendLimiter(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Takes a send slot for {@code subject} (e.g. realm id + user id).
     *
     * @return 0 when a send is allowed now, otherwise the seconds until a slot frees up
     */
    public long acquire(String subject, long now, CodeSettings settings) {
        int window = settings.sendWindowSeconds();
        long lifespan = window + 60L;
        long soonestFree = Long.MAX_VALUE;
        for (int slot = 0; slot < settings.sendLimit(); slot++) {
            String key = "mfa-send:" + subject + ":" + slot;
            if (take(key, now, lifespan)) {
                return 0;
            }
            Map<String, String> held = store.get(key);
            long sentAt = sentAt(held, now);
            if (now - sentAt >= window) {
                // stale by Keycloak's clock: whoever removes it first may take it
                if (store.remove(key) != null && take(key, now, lifespan)) {
                    return 0;
                }
                continue;
            }
            soonestFree = Math.min(soonestFree, sentAt + window - now);
        }
        return soonestFree == Long.MAX_VALUE ? 1 : Math.max(1, soonestFree);
    }

    private boolean take(String key, long now, long lifespan) {
        if (!store.putIfAbsent(key, lifespan)) {
            return false;
        }
        store.put(key, lifespan, Map.of(TIME, Long.toString(now)));
        return true;
    }

    /** A slot just taken by another request may not have its time yet: count it as sent now. */
    private static long sentAt(Map<String, String> held, long now) {
        if (held == null || held.get(TIME) == null) {
            return now;
        }
        try {
            return Long.parseLong(held.get(TIME));
        } catch (NumberFormatException e) {
            return now;
        }
    }
}
