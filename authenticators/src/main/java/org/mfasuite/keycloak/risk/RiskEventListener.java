package org.mfasuite.keycloak.risk;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Feeds sign-in risk from Keycloak's events: a LOGIN records the sign-in in the user's history; a LOGIN_ERROR for a
 * wrong password (or an unknown username) counts toward the address's {@code password-spray} counter.
 */
final class RiskEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(RiskEventListener.class);

    private final KeycloakSession session;

    RiskEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN && event.getType() != EventType.LOGIN_ERROR) {
            return;
        }
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        try {
            if (event.getType() == EventType.LOGIN && event.getUserId() != null) {
                boolean browser = event.getDetails() == null || !event.getDetails().containsKey(Details.GRANT_TYPE);
                SignInRisk.recordSuccess(session, realm, event.getUserId(), event.getIpAddress(), browser);
            } else if (event.getType() == EventType.LOGIN_ERROR) {
                String user = Errors.INVALID_USER_CREDENTIALS.equals(event.getError()) ? event.getUserId()
                        : Errors.USER_NOT_FOUND.equals(event.getError()) && event.getDetails() != null
                        ? "name:" + event.getDetails().get(Details.USERNAME) : null;
                if (user != null) {
                    new RiskCounters(session.singleUseObjects()).passwordFailed(realm.getId(), event.getIpAddress(),
                            user, RiskSettingsStore.read(realm).sprayUsers(), Time.currentTime());
                }
            }
        } catch (RuntimeException e) {
            // the sign-in itself must not fail because its risk bookkeeping did
            LOG.warnf(e, "Realm %s: sign-in risk bookkeeping failed for a %s event", realm.getName(), event.getType());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
