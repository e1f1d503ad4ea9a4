package org.mfasuite.keycloak.risk;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.core.RiskLevel;

/** A user's risk: what the policy key {@code user-risk} compares. */
public final class UserRisks {

    private UserRisks() {
    }

    /** The user's current risk level. */
    public static RiskLevel of(KeycloakSession session, RealmModel realm, UserModel user) {
        return RiskLevel.NONE;
    }

    /** Raises the user's risk to at least {@code level}; never lowers it. */
    public static void raise(KeycloakSession session, RealmModel realm, UserModel user, RiskLevel level, String reason) {
    }
}
