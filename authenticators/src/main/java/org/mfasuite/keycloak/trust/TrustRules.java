package org.mfasuite.keycloak.trust;

/**
 * When a remembered device still counts. It is trusted only if it was remembered within the current decision's
 * {@code maxDays} (so shortening a policy shortens trust), and not before the user's or the realm's not-before
 * (an admin's "Sign out" of the user, "Sign out all active sessions") or the user's last password change.
 *
 * @param maxDays                the days the current decision allows; 0 or less trusts nothing
 * @param userNotBeforeSeconds   {@code UserProvider.getNotBeforeOfUser}, 0 when never set
 * @param realmNotBeforeSeconds  {@code RealmModel.getNotBefore}, 0 when never set
 * @param passwordCreatedMillis  the stored password's created date, 0 when unknown
 */
public record TrustRules(int maxDays, long userNotBeforeSeconds, long realmNotBeforeSeconds, long passwordCreatedMillis) {

    static final long DAY_MILLIS = 86_400_000L;
    /** The last-use time is written at most this often: no database write on every sign-in. */
    static final long TOUCH_INTERVAL_MILLIS = 3_600_000L;
    /** Devices one user keeps; remembering another forgets the least recently used. */
    public static final int MAX_DEVICES = 10;

    /**
     * Whether a device remembered at {@code createdMillis} is trusted at {@code nowMillis}. Not-before counts in
     * whole seconds as Keycloak's own token check does: remembered in the second of a sign-out still counts.
     */
    public boolean trusts(long createdMillis, long nowMillis) {
        if (maxDays <= 0 || createdMillis <= 0 || createdMillis > nowMillis) {
            return false;
        }
        long notBefore = Math.max(userNotBeforeSeconds, realmNotBeforeSeconds);
        return nowMillis - createdMillis < maxDays * DAY_MILLIS
                && createdMillis / 1000 >= notBefore
                && createdMillis > passwordCreatedMillis;
    }

    /** Whether a recognised device's last-use time is old enough to be written again. */
    public static boolean touchDue(long lastUsedMillis, long nowMillis) {
        return nowMillis - lastUsedMillis >= TOUCH_INTERVAL_MILLIS || lastUsedMillis > nowMillis;
    }
}
