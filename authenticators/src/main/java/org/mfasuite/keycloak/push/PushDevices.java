package org.mfasuite.keycloak.push;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Finds the device a request names. A device knows only its pseudonymous id, never the user's: the suite's table
 * {@code MFA_PUSH_DEVICE_INDEX} maps (realm, device id) to the user and credential, and the credential stays the
 * truth: a row whose credential is gone (removed in the Account Console, by an admin, by a reset, with its user) finds
 * nothing and is deleted on that lookup, so removal stops a device at once whichever way it happened.
 */
public final class PushDevices {

    /** The user attribute older versions indexed device ids in; moved into the table and removed. */
    static final String OLD_ATTRIBUTE = "mfa-push-device";
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
        PushDeviceEntity row = row(session, realm, deviceId);
        if (row == null && PushIndexMigration.runForDevice(session, realm, deviceId) > 0) {
            row = row(session, realm, deviceId);
        }
        if (row == null) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, row.userId);
        CredentialModel credential = user == null ? null : user.credentialManager().getStoredCredentialById(row.credentialId);
        PushDeviceCredentialModel device = credential == null || !PushDeviceCredentialModel.TYPE.equals(credential.getType())
                ? null : PushDeviceCredentialModel.createFromCredentialModel(credential);
        if (device == null || !deviceId.equals(device.getDeviceId())) {
            em(session).createQuery("delete from MfaPushDevice d where d.id = :id").setParameter("id", row.id)
                    .executeUpdate();
            return null;
        }
        return user.isEnabled() ? new Found(user, device) : null;
    }

    /** Indexes a stored device credential (a device id already indexed in the realm is left as it is). */
    static void index(KeycloakSession session, RealmModel realm, String userId, String credentialId, String deviceId) {
        if (deviceId == null || row(session, realm, deviceId) != null) {
            return;
        }
        PushDeviceEntity row = new PushDeviceEntity();
        row.id = KeycloakModelUtils.generateId();
        row.realmId = realm.getId();
        row.deviceId = deviceId;
        row.userId = userId;
        row.credentialId = credentialId;
        em(session).persist(row);
    }

    static void unindex(KeycloakSession session, String credentialId) {
        em(session).createQuery("delete from MfaPushDevice d where d.credentialId = :credential")
                .setParameter("credential", credentialId).executeUpdate();
    }

    static void removeUser(EntityManager em, String userId) {
        em.createQuery("delete from MfaPushDevice d where d.userId = :user").setParameter("user", userId).executeUpdate();
    }

    static void removeRealm(EntityManager em, String realmId) {
        em.createQuery("delete from MfaPushDevice d where d.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
    }

    private static PushDeviceEntity row(KeycloakSession session, RealmModel realm, String deviceId) {
        List<PushDeviceEntity> rows = em(session).createQuery(
                        "select d from MfaPushDevice d where d.realmId = :realm and d.deviceId = :device", PushDeviceEntity.class)
                .setParameter("realm", realm.getId()).setParameter("device", deviceId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
