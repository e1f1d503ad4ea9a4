package org.mfasuite.keycloak.risk;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes sign-in history rows older than each realm's {@code history-days}, so "kept N days" holds for users who
 * stop signing in too. Scheduled hourly on every node (Keycloak's timer); the first node to claim the day's marker
 * in the single-use store (putIfAbsent, cluster-wide) runs it, so it runs once a day in the cluster.
 */
public final class RiskHistoryCleanup implements ScheduledTask {

    public static final String TASK = "mfa-risk-history-cleanup";
    static final long INTERVAL_MILLIS = 3600_000L;
    private static final int DAY = 86400;
    private static final Logger LOG = Logger.getLogger(RiskHistoryCleanup.class);

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTime();
        if (session.singleUseObjects().putIfAbsent(TASK + ":" + Math.floorDiv(now, DAY), DAY + 60)) {
            removeExpired(session, now);
        }
    }

    @Override
    public String getTaskName() {
        return TASK;
    }

    /** Deletes every realm's rows older than its {@code history-days} before {@code now}; how many were deleted. */
    public static int removeExpired(KeycloakSession session, long now) {
        int removed = 0;
        for (RealmModel realm : session.realms().getRealmsStream().toList()) {
            removed += SignInHistory.removeOlder(session, realm.getId(),
                    now - RiskSettingsStore.read(realm).historyDays() * (long) DAY);
        }
        if (removed > 0) {
            LOG.debugf("Deleted %d sign-in history rows past their realm's history days", removed);
        }
        return removed;
    }
}
