package org.mfasuite.keycloak.trust;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Remembered devices: a device the user chose to trust skips the second factor for a number of days. */
public final class TrustedDevices {

    private TrustedDevices() {
    }

    /** Whether this request comes from a device the user trusted within the last {@code maxDays} days. */
    public static boolean recognises(KeycloakSession session, RealmModel realm, UserModel user, int maxDays) {
        return false;
    }
}
