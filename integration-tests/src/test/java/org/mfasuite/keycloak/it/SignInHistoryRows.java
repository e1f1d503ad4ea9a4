package org.mfasuite.keycloak.it;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.mfasuite.keycloak.risk.PastSignIn;
import org.mfasuite.keycloak.risk.RiskHistoryCleanup;
import org.mfasuite.keycloak.risk.SignInHistory;

/** The sign-in history table seen from the server (run with {@code RunOnServerClient}). */
final class SignInHistoryRows {

    private SignInHistoryRows() {
    }

    /** Records a sign-in of {@code userId} in the test's realm {@code daysAgo} days ago; the user's row count after. */
    static FetchOnServer record(String userId, String device, int daysAgo) {
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            SignInHistory.record(session, realm.getId(), userId,
                    new PastSignIn(Time.currentTime() - daysAgo * 86400L, device, "SE", null, null), 3650);
            return String.valueOf(SignInHistory.count(session, realm.getId(), userId));
        };
    }

    /** Runs the daily cleanup now; the user's row count after. */
    static FetchOnServer cleanUp(String userId) {
        return session -> {
            RiskHistoryCleanup.removeExpired(session, Time.currentTime());
            return String.valueOf(SignInHistory.count(session, session.getContext().getRealm().getId(), userId));
        };
    }
}
