package org.mfasuite.keycloak.challenge;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Per-user send limits, counted cluster-wide: at most N codes in a rolling window, and a delay between
 * two sends. Each send takes one of N slots in Keycloak's single-use store (a replicated cache with
 * atomic putIfAbsent) and records its time there; times are Keycloak's clock, so the limits follow the
 * server's time offset.
 */
public final class SendLimiter {

    /** ALLOWED: a slot was taken. TOO_SOON / LIMITED: nothing taken; wait {@code seconds}. */
    public enum Status { ALLOWED, TOO_SOON, LIMITED }

    public record Decision(Status status, long seconds) {
    }

    private static final String TIME = "t";

    private final SingleUseObjectProvider store;

    public SendLimiter(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Takes a send slot for {@code subject} (e.g. realm id + user id).
     *
     * @param enforceDelay whether the resend delay applies (it does not to the first code of a sign-in)
     */
    public Decision acquire(String subject, long now, CodeSettings settings, boolean enforceDelay) {
        int window = settings.sendWindowSeconds();
        if (enforceDelay) {
            long wait = delayLeft(subject, now, settings);
            if (wait > 0) {
                return new Decision(Status.TOO_SOON, wait);
            }
        }
        long lifespan = window + 60L;
        long soonestFree = Long.MAX_VALUE;
        for (int slot = 0; slot < settings.sendLimit(); slot++) {
            String key = key(subject, slot);
            if (take(key, now, lifespan)) {
                return new Decision(Status.ALLOWED, 0);
            }
            long sentAt = sentAt(store.get(key), now);
            if (now - sentAt >= window) {
                // stale by Keycloak's clock: whoever removes it first may take it
                if (store.remove(key) != null && take(key, now, lifespan)) {
                    return new Decision(Status.ALLOWED, 0);
                }
                continue;
            }
            soonestFree = Math.min(soonestFree, sentAt + window - now);
        }
        return new Decision(Status.LIMITED, soonestFree == Long.MAX_VALUE ? 1 : Math.max(1, soonestFree));
    }

    /** Seconds until the resend delay after this user's latest send has passed; 0 when it has. */
    private long delayLeft(String subject, long now, CodeSettings settings) {
        long latest = Long.MIN_VALUE;
        for (int slot = 0; slot < settings.sendLimit(); slot++) {
            Map<String, String> held = store.get(key(subject, slot));
            if (held != null) {
                latest = Math.max(latest, sentAt(held, now));
            }
        }
        return latest == Long.MIN_VALUE ? 0 : Math.max(0, latest + settings.resendDelaySeconds() - now);
    }

    private static String key(String subject, int slot) {
        return "mfa-send:" + subject + ":" + slot;
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
        try {
            return held == null || held.get(TIME) == null ? now : Long.parseLong(held.get(TIME));
        } catch (NumberFormatException e) {
            return now;
        }
    }
}
