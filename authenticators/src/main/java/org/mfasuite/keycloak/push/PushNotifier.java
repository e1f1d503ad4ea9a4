package org.mfasuite.keycloak.push;

import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Wakes the user's devices once the request is stored: after the sign-in's transaction commits, so a device that
 * reacts at once finds the request on any node. Devices without a push target poll.
 */
final class PushNotifier {

    private PushNotifier() {
    }

    static void afterCommit(KeycloakSession session, RealmModel realm, Map<String, String> config, UserModel user,
                            List<PushDeviceCredentialModel> devices, PushChallenge challenge) {
        // delivery (Web Push, FCM) arrives with the delivery package; until then devices poll
    }

    /** The realm's Web Push application server key; empty until Web Push is available. */
    static String vapidPublicKey(KeycloakSession session, RealmModel realm) {
        return "";
    }
}
