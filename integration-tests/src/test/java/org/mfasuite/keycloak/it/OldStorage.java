package org.mfasuite.keycloak.it;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Writes data exactly as versions before the suite's tables did, on the server (Keycloak's Java API, as the old code
 * called it: the admin REST cannot, since it stores credentials only through a credential provider). Only Keycloak
 * types here: the server loads this class.
 */
final class OldStorage {

    private OldStorage() {
    }

    /** A shelf user (disabled, marked) holding one {@code mfa-oath-token} credential per {serial, data, secret}. */
    static RunOnServer shelf(String username, String[][] entries) {
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            UserModel shelf = session.users().addUser(realm, username);
            shelf.setEnabled(false);
            shelf.setSingleAttribute("mfa-oath-pool", "true");
            shelf.setFirstName("OATH token pool");
            for (String[] entry : entries) {
                CredentialModel model = new CredentialModel();
                model.setType("mfa-oath-token");
                model.setUserLabel(entry[0]);
                model.setCreatedDate(1_700_000_000_000L);
                model.setCredentialData(entry[1]);
                model.setSecretData(entry[2]);
                shelf.credentialManager().createStoredCredential(model);
            }
        };
    }

    /** A push device credential stored directly, indexed only in the user attribute {@code mfa-push-device}. */
    static RunOnServer pushDevice(String userId, String deviceId, String credentialData) {
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            UserModel user = session.users().getUserById(realm, userId);
            CredentialModel model = new CredentialModel();
            model.setType("mfa-push-device");
            model.setUserLabel("Old phone");
            model.setCreatedDate(1_700_000_000_000L);
            model.setCredentialData(credentialData);
            model.setSecretData("{}");
            user.credentialManager().createStoredCredential(model);
            user.setSingleAttribute("mfa-push-device", deviceId);
        };
    }
}
