package org.mfasuite.keycloak.risk;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Clears a user's risk when the user changed the password after a second factor: Keycloak's {@code UPDATE_PASSWORD}
 * event (the Update Password required action, also as the Account Console's "update password") in a sign-in that gave
 * a second factor ({@link UserRisks#clearsOnPasswordChange}). An admin's password reset sends no such event: it never
 * clears the risk (the admin dismisses it explicitly).
 */
public class UserRiskListener implements EventListenerProvider {

    private final KeycloakSession session;

    UserRiskListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.UPDATE_PASSWORD || event.getUserId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null || UserRisks.of(session, realm, user) == org.mfasuite.keycloak.core.RiskLevel.NONE) {
            return;
        }
        if (UserRisks.clearsOnPasswordChange(session, realm, session.getContext().getAuthenticationSession())) {
            UserRisks.clear(session, realm, user, UserRisk.CLEARED_BY_PASSWORD_CHANGE);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
