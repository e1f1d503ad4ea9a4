package org.mfasuite.keycloak.risk;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Clears a user's risk when the user changed the password after a second factor: Keycloak's {@code UPDATE_PASSWORD}
 * event (the Update Password required action, also as the Account Console's "update password") in a sign-in that gave
 * a second factor ({@link UserRisks#clearsOnPasswordChange}), and then ends the user's other sessions. An admin's
 * password reset sends no such event: it never clears the risk (the admin dismisses it explicitly).
 */
public class UserRiskListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(UserRiskListener.class);
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
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (UserRisks.clearsOnPasswordChange(session, realm, authSession)) {
            UserRisks.clear(session, realm, user, UserRisk.CLEARED_BY_PASSWORD_CHANGE);
            endOtherSessions(realm, user, authSession.getParentSession().getId());
        }
    }

    /**
     * Ends the user's other sessions, online and offline (whoever raised the risk may hold one), keeping the one this
     * sign-in continues (its id is the root authentication session's, as in Keycloak's own "sign out other devices",
     * which Update Password offers unticked). Each ends as an admin's logout does: back-channel logout to clients.
     */
    private void endOtherSessions(RealmModel realm, UserModel user, String current) {
        List<UserSessionModel> others = Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                        session.sessions().getOfflineUserSessionsStream(realm, user))
                .filter(s -> !Objects.equals(s.getId(), current)).toList();
        HttpHeaders headers = session.getContext().getHttpRequest() == null ? null
                : session.getContext().getHttpRequest().getHttpHeaders();
        for (UserSessionModel other : others) {
            AuthenticationManager.backchannelLogout(session, realm, other, session.getContext().getUri(),
                    session.getContext().getConnection(), headers, true);
        }
        if (!others.isEmpty()) {
            LOG.infof("mfa_user_risk realm=%s user=%s cleared-by=password-change ended-sessions=%d", realm.getName(),
                    user.getId(), others.size());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
