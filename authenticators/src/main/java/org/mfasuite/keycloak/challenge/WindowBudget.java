package org.mfasuite.keycloak.challenge;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Uses per fixed time window (sends per clock hour, wrong codes per day), counted across the cluster: each
 * use claims a numbered ticket with Keycloak's atomic putIfAbsent, and tickets at or above the limit never
 * exist, so parallel requests on any node cannot exceed it. A hint of the next free ticket keeps a claim at a
 * few cache calls instead of a scan; a stale hint only costs a few more probes.
 * <p>
 * Keycloak's single-use store applies {@code put} when the request commits and refuses a second put of one
 * key in a request, while putIfAbsent and remove act at once. So a claim only uses putIfAbsent, and the
 * hint is written once, by {@link #commit}. A released ticket leaves a hole below the hint; a marker says
 * holes exist, and a claim that finds nothing above the hint looks below it before refusing.
 */
public final class WindowBudget {

    /** A claimed ticket: {@link #commit} it when the use happened, {@link #release} it when it did not. */
    public record Ticket(String key, String base, int index, long lifespan) {
    }

    private static final String NEXT = "n";

    private final SingleUseObjectProvider store;

    public WindowBudget(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** @return a ticket, or null when {@code limit} tickets are already taken in the window holding {@code now} */
    public Ticket claim(String subject, int limit, int windowSeconds, long now) {
        String base = base(subject, windowSeconds, now);
        long lifespan = secondsLeft(windowSeconds, now) + 60;
        int hint = Math.min(hint(base), limit);
        Ticket ticket = firstFree(base, hint, limit, lifespan);
        // Holes below the hint, left by released tickets: looked for only when some were released, and the
        // marker is cleared first, so a release during the scan sets it again for the next claim.
        if (ticket == null && store.contains(base + ":freed")) {
            store.remove(base + ":freed");
            ticket = firstFree(base, 0, hint, lifespan);
        }
        return ticket;
    }

    private Ticket firstFree(String base, int from, int to, long lifespan) {
        for (int i = from; i < to; i++) {
            String key = base + ":" + i;
            if (store.putIfAbsent(key, lifespan)) {
                return new Ticket(key, base, i, lifespan);
            }
        }
        return null;
    }

    /** The use happened: later claims start after this ticket. */
    public void commit(Ticket ticket) {
        if (ticket != null) {
            store.put(ticket.base() + ":next", ticket.lifespan(), Map.of(NEXT, Integer.toString(ticket.index() + 1)));
        }
    }

    /** The use did not happen (e.g. the gateway certainly did not send): the ticket is free again. */
    public void release(Ticket ticket) {
        if (ticket == null) {
            return;
        }
        store.remove(ticket.key());
        store.putIfAbsent(ticket.base() + ":freed", ticket.lifespan());
    }

    /** Whether every ticket of the window is taken; exact for budgets whose tickets are never given back. */
    public boolean isFull(String subject, int limit, int windowSeconds, long now) {
        return store.contains(base(subject, windowSeconds, now) + ":" + (limit - 1));
    }

    /** Seconds until the window holding {@code now} ends and the count starts again. */
    public static long secondsLeft(int windowSeconds, long now) {
        return windowSeconds - Math.floorMod(now, windowSeconds);
    }

    private static String base(String subject, int windowSeconds, long now) {
        return "mfa-budget:" + subject + ":" + windowSeconds + ":" + Math.floorDiv(now, windowSeconds);
    }

    private int hint(String base) {
        Map<String, String> held = store.get(base + ":next");
        try {
            return held == null || held.get(NEXT) == null ? 0 : Math.max(0, Integer.parseInt(held.get(NEXT)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
