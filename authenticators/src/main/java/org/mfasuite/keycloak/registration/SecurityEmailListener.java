package org.mfasuite.keycloak.registration;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.sms.SmsEvents;

/**
 * Turns Keycloak's own credential events into security emails: {@code UPDATE_CREDENTIAL} of a second-factor type
 * (a method added, by any set-up action) and {@code REMOVE_CREDENTIAL} (removed in the Account Console).
 */
public class SecurityEmailListener implements EventListenerProvider {

    private final KeycloakSession session;

    public SecurityEmailListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || event.getDetails() == null
                || event.getType() != EventType.UPDATE_CREDENTIAL && event.getType() != EventType.REMOVE_CREDENTIAL) {
            return;
        }
        String type = event.getDetails().get(Details.CREDENTIAL_TYPE);
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (type == null || realm == null || !RealmMethods.of(session, realm).isMethod(type)) {
            return;
        }
        UserModel user = session.users().getUserById(realm, event.getUserId());
        String label = event.getDetails().get(SmsEvents.PHONE);
        if (label == null) {
            label = MethodLabels.ofEvent(type, event.getDetails().get(Details.CREDENTIAL_USER_LABEL));
        }
        SecurityEmails.of(session, realm).send(user, event.getType() == EventType.UPDATE_CREDENTIAL
                ? SecurityEmails.Kind.ADDED : SecurityEmails.Kind.REMOVED, new SecurityEmails.Method(type, label),
                event.getIpAddress(), null);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
