package org.mfasuite.keycloak.push;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the device a request names. A device knows only its pseudonymous id, never the user's: the user is found
 * through a user attribute holding the ids of their devices (Keycloak's own store, searchable on every node),
 * the device through its credential. An id whose credential is gone (removed in the Account Console, by an
 * admin, by a reset) finds nothing: removal stops a device at once.
 */
public final class PushDevices {

    /** The user attribute indexing device ids; the credential stays the truth. */
    static final String ATTRIBUTE = "mfa-push-device";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A device and its user. */
    public record Found(UserModel user, PushDeviceCredentialModel device) {
    }

    private PushDevices() {
    }

    /** 128 random bits, base64url: the id a device uses; unrelated to the user id. */
    static String newDeviceId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The device with this id, or null when there is none (any more). */
    public static Found find(KeycloakSession session, RealmModel realm, String deviceId) {
        if (deviceId == null || deviceId.length() < 16 || deviceId.length() > 64) {
            return null;
        }
        UserModel user = session.users().searchForUserByUserAttributeStream(realm, ATTRIBUTE, deviceId)
                .findFirst().orElse(null);
        if (user == null || !user.isEnabled()) {
            return null;
        }
        return PushDeviceCredentialProvider.of(session).devicesOf(user).stream()
                .filter(d -> deviceId.equals(d.getDeviceId()))
                .findFirst().map(d -> new Found(user, d)).orElse(null);
    }

    static void index(UserModel user, String deviceId) {
        List<String> ids = new ArrayList<>(user.getAttributeStream(ATTRIBUTE).toList());
        // ids of devices removed since are dropped here
        List<String> live = user.credentialManager().getStoredCredentialsByTypeStream(PushDeviceCredentialModel.TYPE)
                .map(c -> PushDeviceCredentialModel.createFromCredentialModel(c).getDeviceId()).toList();
        ids.retainAll(live);
        ids.add(deviceId);
        user.setAttribute(ATTRIBUTE, ids);
    }

    static void unindex(UserModel user, String deviceId) {
        List<String> ids = new ArrayList<>(user.getAttributeStream(ATTRIBUTE).toList());
        if (ids.remove(deviceId)) {
            if (ids.isEmpty()) {
                user.removeAttribute(ATTRIBUTE);
            } else {
                user.setAttribute(ATTRIBUTE, ids);
            }
        }
    }
}
