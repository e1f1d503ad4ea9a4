package org.mfasuite.keycloak.challenge;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Every limit a send must pass, taken together: the user's own limit and resend delay, then the budgets of
 * the destination number, the client address and the realm. A send holds a place in each; if one refuses,
 * the places already taken are given back. When the gateway certainly did not send, the budgets get their
 * places back but the user's own limit still counts the attempt, so failing sends cannot be repeated freely.
 */
public final class SendQuota {

    private static final int HOUR = 3600;

    /** ALLOWED, or which limit refused the send. */
    public enum Status { ALLOWED, TOO_SOON, USER_LIMIT, NUMBER_LIMIT, IP_LIMIT, REALM_LIMIT }

    /** Who asks for a code to be sent where. {@code enforceDelay}: false only for the first code of a sign-in. */
    public record Request(String realmId, String userId, String destination, String clientIp, boolean enforceDelay) {
    }

    /** The outcome; {@code waitSeconds} says when the refusing limit lets a send through again. */
    public static final class Permit {
        private final Status status;
        private final long waitSeconds;
        private final SendLimiter.Decision userSlot;
        private final List<WindowBudget.Ticket> tickets;

        private Permit(Status status, long waitSeconds, SendLimiter.Decision userSlot, List<WindowBudget.Ticket> tickets) {
            this.status = status;
            this.waitSeconds = waitSeconds;
            this.userSlot = userSlot;
            this.tickets = tickets;
        }

        public Status status() {
            return status;
        }

        public long waitSeconds() {
            return waitSeconds;
        }

        public boolean allowed() {
            return status == Status.ALLOWED;
        }
    }

    private final SendLimiter users;
    private final WindowBudget budgets;

    public SendQuota(SingleUseObjectProvider store) {
        this.users = new SendLimiter(store);
        this.budgets = new WindowBudget(store);
    }

    public Permit acquire(Request request, long now, SendLimits limits) {
        SendLimiter.Decision user = users.acquire(userSubject(request.realmId(), request.userId()), now, limits,
                request.enforceDelay());
        if (user.status() != SendLimiter.Status.ALLOWED) {
            Status refused = user.status() == SendLimiter.Status.TOO_SOON ? Status.TOO_SOON : Status.USER_LIMIT;
            return new Permit(refused, user.seconds(), null, List.of());
        }
        List<WindowBudget.Ticket> tickets = new ArrayList<>(3);
        Status refused = take(tickets, "number:" + request.realmId() + ":" + request.destination(),
                limits.numberHourlyLimit(), now, Status.NUMBER_LIMIT);
        if (refused == null && request.clientIp() != null) {
            refused = take(tickets, "ip:" + request.realmId() + ":" + request.clientIp(), limits.ipHourlyLimit(), now,
                    Status.IP_LIMIT);
        }
        if (refused == null) {
            refused = take(tickets, "realm:" + request.realmId(), limits.realmHourlyLimit(), now, Status.REALM_LIMIT);
        }
        Permit permit = new Permit(Status.ALLOWED, 0, user, tickets);
        if (refused != null) {
            release(permit);
            return new Permit(refused, WindowBudget.secondsLeft(HOUR, now), null, List.of());
        }
        return permit;
    }

    /** The send happened, or may have: every place stays taken. Once per permit, after sending. */
    public void commit(Permit permit) {
        if (permit.userSlot != null) {
            users.commit(permit.userSlot);
        }
        permit.tickets.forEach(budgets::commit);
    }

    /** The gateway certainly did not deliver: the budgets get their places back, the user's attempt counts. */
    public void notDelivered(Permit permit) {
        if (permit.userSlot != null) {
            users.commit(permit.userSlot);
        }
        permit.tickets.forEach(budgets::release);
    }

    /** Gives every place back: nothing was attempted. */
    private void release(Permit permit) {
        if (permit.userSlot != null) {
            users.release(permit.userSlot);
        }
        permit.tickets.forEach(budgets::release);
    }

    /** Seconds until the user's own limits let another code go (0: now); nothing is taken. */
    public long userWaitSeconds(String realmId, String userId, long now, SendLimits limits, boolean enforceDelay) {
        return users.waitSeconds(userSubject(realmId, userId), now, limits, enforceDelay);
    }

    private Status take(List<WindowBudget.Ticket> tickets, String subject, int limit, long now, Status whenFull) {
        WindowBudget.Ticket ticket = budgets.claim(subject, limit, HOUR, now);
        if (ticket == null) {
            return whenFull;
        }
        tickets.add(ticket);
        return null;
    }

    private static String userSubject(String realmId, String userId) {
        return realmId + ":" + userId;
    }
}
