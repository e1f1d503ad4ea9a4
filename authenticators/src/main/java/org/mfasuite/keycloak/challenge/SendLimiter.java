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

    /** @param slot the slot taken (for {@link #release}), or null */
    public record Decision(Status status, long seconds, String slot) {
        public Decision(Status status, long seconds) {
            this(status, seconds, null);
        }
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
        Usage usage = usage(subject, now, settings);
        // the longer wait first: telling someone at the limit to wait 10 seconds would be wrong
        if (usage.inWindow() >= settings.sendLimit()) {
            return new Decision(Status.LIMITED, Math.max(1, usage.oldest() + window - now));
        }
        if (enforceDelay && usage.inWindow() > 0 && now < usage.latest() + settings.resendDelaySeconds()) {
            return new Decision(Status.TOO_SOON, usage.latest() + settings.resendDelaySeconds() - now);
        }
        long lifespan = window + 60L;
        for (int slot = 0; slot < settings.sendLimit(); slot++) {
            String key = key(subject, slot);
            if (take(key, now, lifespan)) {
                return new Decision(Status.ALLOWED, 0, key);
            }
            // Stale by Keycloak's clock. Exactly one request may clear this entry (the one that claims
            // its reaping), so parallel requests cannot remove each other's fresh sends.
            long sentAt = sentAt(store.get(key), now);
            if (now - sentAt >= window && store.putIfAbsent(key + ":reaped:" + sentAt, lifespan)) {
                store.remove(key);
                if (take(key, now, lifespan)) {
                    return new Decision(Status.ALLOWED, 0, key);
                }
            }
        }
        // another node took the last slot meanwhile
        return new Decision(Status.LIMITED, 1);
    }

    /** Gives a slot back: for sends the gateway certainly did not deliver. */
    public void release(Decision decision) {
        if (decision.slot() != null) {
            store.remove(decision.slot());
        }
    }

    /** Sends within the window: how many, the oldest and the latest. */
    private record Usage(int inWindow, long oldest, long latest) {
    }

    private Usage usage(String subject, long now, CodeSettings settings) {
        int inWindow = 0;
        long oldest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int slot = 0; slot < settings.sendLimit(); slot++) {
            Map<String, String> held = store.get(key(subject, slot));
            if (held == null) {
                continue;
            }
            long sentAt = sentAt(held, now);
            if (now - sentAt < settings.sendWindowSeconds()) {
                inWindow++;
                oldest = Math.min(oldest, sentAt);
                latest = Math.max(latest, sentAt);
            }
        }
        return new Usage(inWindow, oldest, latest);
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
