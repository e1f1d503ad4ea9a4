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
 * <li>fatigue: each push denied or closed unanswered claims a ticket of the user's budget, once per push.</li>
 * </ul>
 * An IPv6 address counts by its {@code /64}; users are keyed by hash; a source is not counted further in its hour.
 */
public final class RiskCounters {

    static final int HOUR = 3600;

    private final SingleUseObjectProvider store;

    public RiskCounters(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** A password failed for {@code user} (an id, or a username that names nobody) from {@code address}. */
    public void passwordFailed(String realmId, String address, String user, int sprayUsers, long now) {
        String source = source(address);
        if (source == null || user == null || isSpraySource(realmId, address, sprayUsers, now)) {
            return; // already a source: nothing more to count this hour
        }
        long hour = Math.floorDiv(now, HOUR);
        // the user's name or id only as a hash: attacker-chosen names stay out of the cache's keys
        String pair = "mfa-risk-spray:" + realmId + ":" + source + ":" + hour + ":" + sha256(user);
        if (store.putIfAbsent(pair, WindowBudget.secondsLeft(HOUR, now) + 60)) {
            WindowBudget budget = new WindowBudget(store);
            // committed: the next failure starts after this ticket instead of scanning from the first
            budget.commit(budget.claim(spraySubject(realmId, source), sprayUsers, HOUR, now));
        }
    }

    /** Whether {@code address} failed passwords for at least {@code sprayUsers} different users in this hour. */
    public boolean isSpraySource(String realmId, String address, int sprayUsers, long now) {
        String source = source(address);
        return source != null && new WindowBudget(store).isFull(spraySubject(realmId, source), sprayUsers, HOUR, now);
    }

    /**
     * A push to the user was denied or closed unanswered: counted once per push ({@code challengeId}), whoever
     * observes it first (the device's deny, the browser finding it expired, a resend closing it).
     */
    public void pushUnanswered(String realmId, String userId, String challengeId, int fatiguePushes, long now) {
        if (challengeId != null && !store.putIfAbsent("mfa-risk-fatigue-counted:" + challengeId,
                WindowBudget.secondsLeft(HOUR, now) + HOUR)) {
            return;
        }
        new WindowBudget(store).claim(fatigueSubject(realmId, userId), fatiguePushes, HOUR, now);
    }

    /** Whether at least {@code fatiguePushes} pushes to the user were denied or unanswered in this hour. */
    public boolean isFatigued(String realmId, String userId, int fatiguePushes, long now) {
        return new WindowBudget(store).isFull(fatigueSubject(realmId, userId), fatiguePushes, HOUR, now);
    }

    /**
     * What a spray is counted for: the address, an IPv6 address by its {@code /64} (one host's or one site's
     * network: an attacker holds a whole /64 at least); null when there is no address.
     */
    static String source(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.trim();
        if (a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?")) {
            try {
                byte[] b = java.net.InetAddress.getByName(a.contains("%") ? a.substring(0, a.indexOf('%')) : a).getAddress();
                if (b.length == 16) {
                    return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
                }
            } catch (java.net.UnknownHostException | SecurityException e) {
                return a;
            }
        }
        return a;
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String spraySubject(String realmId, String address) {
        return "risk-spray:" + realmId + ":" + address;
    }

    private static String fatigueSubject(String realmId, String userId) {
        return "risk-fatigue:" + realmId + ":" + userId;
    }
}
