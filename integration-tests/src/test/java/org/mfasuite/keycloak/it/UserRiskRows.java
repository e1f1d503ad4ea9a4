package org.mfasuite.keycloak.it;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.risk.UserRisks;

/** The user-risk table seen from the server (run with {@code RunOnServerClient}). */
final class UserRiskRows {

    private UserRiskRows() {
    }

    /** Raises a user of the test's realm, as a high-risk sign-in does. */
    static RunOnServer raise(String userId) {
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            UserRisks.raise(session, realm, session.users().getUserById(realm, userId), RiskLevel.HIGH,
                    UserRisks.REASON_HIGH_RISK_SIGN_IN);
        };
    }

    /** How many rows of MFA_USER_RISK the user has, as a string. */
    static FetchOnServer count(String userId) {
        return session -> String.valueOf(((Number) session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNativeQuery("select count(*) from MFA_USER_RISK where USER_ID = ?1").setParameter(1, userId)
                .getSingleResult()).longValue());
    }
}
