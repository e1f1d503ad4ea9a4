package org.mfasuite.keycloak.risk;

import org.keycloak.models.SingleUseObjectProvider;
import org.mfasuite.keycloak.challenge.WindowBudget;

/**
 * The cluster-wide hourly counters behind {@code password-spray} and {@code mfa-fatigue}, on Keycloak's single-use
 * store (putIfAbsent acts at once on every node): windows are clock hours, as the send budgets' are.
 * <ul>
 * <li>spray: each (address, user) pair claims one marker per hour, and only a new pair claims a ticket of the
 * address's budget, so the tickets count distinct users; the address is a spray source once {@code spray-users}
 * tickets are taken.</li>
 * <li>fatigue: each push denied or unanswered claims a ticket of the user's budget.</li>
 * </ul>
 */
public final class RiskCounters {

    static final int HOUR = 3600;

    private final SingleUseObjectProvider store;

    public RiskCounters(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** A password failed for {@code user} (an id, or a username that names nobody) from {@code address}. */
    public void passwordFailed(String realmId, String address, String user, int sprayUsers, long now) {
        if (address == null || user == null) {
            return;
        }
        long hour = Math.floorDiv(now, HOUR);
        String pair = "mfa-risk-spray:" + realmId + ":" + address + ":" + hour + ":" + user;
        if (store.putIfAbsent(pair, WindowBudget.secondsLeft(HOUR, now) + 60)) {
            new WindowBudget(store).claim(spraySubject(realmId, address), sprayUsers, HOUR, now);
        }
    }

    /** Whether {@code address} failed passwords for at least {@code sprayUsers} different users in this hour. */
    public boolean isSpraySource(String realmId, String address, int sprayUsers, long now) {
        return address != null && new WindowBudget(store).isFull(spraySubject(realmId, address), sprayUsers, HOUR, now);
    }

    /** A push to the user was denied or went unanswered. */
    public void pushUnanswered(String realmId, String userId, int fatiguePushes, long now) {
        new WindowBudget(store).claim(fatigueSubject(realmId, userId), fatiguePushes, HOUR, now);
    }

    /** Whether at least {@code fatiguePushes} pushes to the user were denied or unanswered in this hour. */
    public boolean isFatigued(String realmId, String userId, int fatiguePushes, long now) {
        return new WindowBudget(store).isFull(fatigueSubject(realmId, userId), fatiguePushes, HOUR, now);
    }

    private static String spraySubject(String realmId, String address) {
        return "risk-spray:" + realmId + ":" + address;
    }

    private static String fatigueSubject(String realmId, String userId) {
        return "risk-fatigue:" + realmId + ":" + userId;
    }
}
