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

    /**
     * @param slot     the slot taken (for {@link #commit} or {@link #release}), or null
     * @param sentAt   the send's time, written to the slot on commit
     * @param lifespan how long the slot lives in the store
     */
    public record Decision(Status status, long seconds, String slot, long sentAt, long lifespan) {
        public Decision(Status status, long seconds) {
            this(status, seconds, null, 0, 0);
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
    public Decision acquire(String subject, long now, SendLimits limits, boolean enforceDelay) {
        int window = limits.sendWindowSeconds();
        Usage usage = usage(subject, now, limits);
        // the longer wait first: telling someone at the limit to wait 10 seconds would be wrong
        if (usage.inWindow() >= limits.sendLimit()) {
            return new Decision(Status.LIMITED, Math.max(1, usage.oldest() + window - now));
        }
        if (enforceDelay && usage.inWindow() > 0 && now < usage.latest() + limits.resendDelaySeconds()) {
            return new Decision(Status.TOO_SOON, usage.latest() + limits.resendDelaySeconds() - now);
        }
        long lifespan = window + 60L;
        for (int slot = 0; slot < limits.sendLimit(); slot++) {
            String key = key(subject, slot);
            if (store.putIfAbsent(key, lifespan)) {
                return decide(subject, slot, now, limits, enforceDelay, lifespan);
            }
            // Stale by Keycloak's clock. Exactly one request may clear this entry (the one that claims
            // its reaping), so parallel requests cannot remove each other's fresh sends.
            long sentAt = sentAt(store.get(key), now);
            if (now - sentAt >= window && store.putIfAbsent(key + ":reaped:" + sentAt, lifespan)) {
                store.remove(key);
                if (store.putIfAbsent(key, lifespan)) {
                    return decide(subject, slot, now, limits, enforceDelay, lifespan);
                }
            }
        }
        // another node took the last slot meanwhile
        return new Decision(Status.LIMITED, 1);
    }

    /**
     * The delay check above read the slots before taking one, so parallel requests (several numbers posted at
     * once) could all pass it. Now that a slot is held, a send still within the delay wins over it if its time
     * is known (committed) or, when both are in flight, if it holds the lower slot: exactly one goes.
     */
    private Decision decide(String subject, int mine, long now, SendLimits limits, boolean enforceDelay, long lifespan) {
        String key = key(subject, mine);
        if (enforceDelay) {
            for (int slot = 0; slot < limits.sendLimit(); slot++) {
                Map<String, String> held = slot == mine ? null : store.get(key(subject, slot));
                boolean inFlight = held != null && held.get(TIME) == null;
                long sentAt = sentAt(held, now);
                if (held != null && now - sentAt < limits.resendDelaySeconds() && (!inFlight || slot < mine)) {
                    store.remove(key);
                    return new Decision(Status.TOO_SOON, Math.max(1, sentAt + limits.resendDelaySeconds() - now));
                }
            }
        }
        return new Decision(Status.ALLOWED, 0, key, now, lifespan);
    }

    /**
     * Seconds until {@code subject} may get another code (0: now), without taking anything: lets a page
     * disable its send button and count down instead of offering a send that must fail.
     */
    public long waitSeconds(String subject, long now, SendLimits limits, boolean enforceDelay) {
        Usage usage = usage(subject, now, limits);
        long wait = 0;
        if (usage.inWindow() >= limits.sendLimit()) {
            wait = usage.oldest() + limits.sendWindowSeconds() - now;
        }
        if (enforceDelay && usage.inWindow() > 0) {
            wait = Math.max(wait, usage.latest() + limits.resendDelaySeconds() - now);
        }
        return Math.max(0, wait);
    }

    /**
     * Records the send's time in its slot: the send happened or may have. Keycloak's store writes it when the
     * request commits (a second put of one key in a request is refused), so this is done once, after sending.
     */
    public void commit(Decision decision) {
        if (decision.slot() != null) {
            store.put(decision.slot(), decision.lifespan(), Map.of(TIME, Long.toString(decision.sentAt())));
        }
    }

    /** Gives a slot back: for sends the gateway certainly did not deliver. Instead of {@link #commit}. */
    public void release(Decision decision) {
        if (decision.slot() != null) {
            store.remove(decision.slot());
        }
    }

    /** Sends within the window: how many, the oldest and the latest. */
    private record Usage(int inWindow, long oldest, long latest) {
    }

    private Usage usage(String subject, long now, SendLimits limits) {
        int inWindow = 0;
        long oldest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int slot = 0; slot < limits.sendLimit(); slot++) {
            Map<String, String> held = store.get(key(subject, slot));
            if (held == null) {
                continue;
            }
            long sentAt = sentAt(held, now);
            if (now - sentAt < limits.sendWindowSeconds()) {
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

    /** A slot taken by a request still sending has no time yet: count it as sent now. */
    private static long sentAt(Map<String, String> held, long now) {
        try {
            return held == null || held.get(TIME) == null ? now : Long.parseLong(held.get(TIME));
        } catch (NumberFormatException e) {
            return now;
        }
    }
}
