package org.mfasuite.keycloak.audit;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Counts the suite's events into {@link MfaMeters}, as Keycloak's own user-event metrics do: only once the event's
 * transaction commits. The method is read before, while that transaction is open (an OTP attempt is recognised
 * by its credential).
 */
public class MetricsListener implements EventListenerProvider {

    private final KeycloakSession session;
    private final MfaMeters meters;

    public MetricsListener(KeycloakSession session, MfaMeters meters) {
        this.session = session;
        this.meters = meters;
    }

    @Override
    public void onEvent(Event event) {
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String method = SignInRows.method(event, new KeycloakLookup(session, realm, false));
        if (method == null && SignInRows.send(event) == null) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                meters.count(event, method);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
