package org.mfasuite.keycloak.it;

import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.RealmModel;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Failed sign-ins as the steps report them, sent on the server through the realm's event listeners (the sign-in
 * risk listener counts spray from them): a wrong password as Keycloak's password steps send it (no method detail),
 * a wrong code as the suite's SMS step sends it ({@code mfa_method=sms}).
 */
final class SprayEvents {

    private SprayEvents() {
    }

    static RunOnServer wrongPassword(String userId, String address) {
        return session -> failure(session, userId, address, null);
    }

    static RunOnServer wrongCode(String userId, String address) {
        return session -> failure(session, userId, address, "sms");
    }

    private static void failure(org.keycloak.models.KeycloakSession session, String userId, String address, String method) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGIN_ERROR).user(userId).ipAddress(address);
        if (method != null) {
            event.detail("mfa_method", method);
        }
        event.error(Errors.INVALID_USER_CREDENTIALS);
    }
}
