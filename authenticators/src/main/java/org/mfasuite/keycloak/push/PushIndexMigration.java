package org.mfasuite.keycloak.push;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Builds the device index from the push credentials, the truth: every {@code mfa-push-device} credential without a
 * row gets one, and the user attribute older versions indexed in ({@code mfa-push-device}) is removed. Runs after
 * each start (one node at a time), for a realm just created or imported, and for one device id an older node in a
 * rolling upgrade indexed the old way. Idempotent: what is indexed already is left as it is.
 */
final class PushIndexMigration {

    private static final String UNINDEXED = "select c.id, u.id, u.realmId, c.credentialData from CredentialEntity c"
            + " join c.user u where c.type = :type and not exists"
            + " (select d.id from MfaPushDevice d where d.credentialId = c.id)";

    private PushIndexMigration() {
    }

    /** Every realm; returns how many devices were indexed. */
    static int run(KeycloakSession session) {
        EntityManager em = PushDevices.em(session);
        int indexed = index(session, em.createQuery(UNINDEXED, Object[].class));
        List<Object[]> holders = em.createQuery("select distinct u.realmId, u.id from UserAttributeEntity a join a.user u"
                + " where a.name = :name", Object[].class).setParameter("name", PushDevices.OLD_ATTRIBUTE).getResultList();
        for (Object[] holder : holders) {
            RealmModel realm = session.realms().getRealm((String) holder[0]);
            UserModel user = realm == null ? null : session.users().getUserById(realm, (String) holder[1]);
            if (user != null) {
                user.removeAttribute(PushDevices.OLD_ATTRIBUTE);
            }
        }
        return indexed;
    }

    /** One realm's devices (a realm just imported with its users' credentials). */
    static int run(KeycloakSession session, RealmModel realm) {
        return index(session, PushDevices.em(session).createQuery(UNINDEXED + " and u.realmId = :realm", Object[].class)
                .setParameter("realm", realm.getId()));
    }

    /** The user an older version indexed this device id for, if any: their devices indexed, the attribute gone. */
    static int runForDevice(KeycloakSession session, RealmModel realm, String deviceId) {
        List<String> holders = PushDevices.em(session).createQuery("select u.id from UserAttributeEntity a join a.user u"
                        + " where u.realmId = :realm and a.name = :name and a.value = :value", String.class)
                .setParameter("realm", realm.getId()).setParameter("name", PushDevices.OLD_ATTRIBUTE)
                .setParameter("value", deviceId).getResultList();
        int indexed = 0;
        for (String id : holders) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                continue;
            }
            for (CredentialModel c : user.credentialManager()
                    .getStoredCredentialsByTypeStream(PushDeviceCredentialModel.TYPE).toList()) {
                PushDevices.index(session, realm, user.getId(), c.getId(),
                        PushDeviceCredentialModel.createFromCredentialModel(c).getDeviceId());
                indexed++;
            }
            user.removeAttribute(PushDevices.OLD_ATTRIBUTE);
        }
        return indexed;
    }

    private static int index(KeycloakSession session, TypedQuery<Object[]> unindexed) {
        List<Object[]> rows = unindexed.setParameter("type", PushDeviceCredentialModel.TYPE).getResultList();
        for (Object[] row : rows) {
            RealmModel realm = session.realms().getRealm((String) row[2]);
            if (realm == null) {
                continue;
            }
            CredentialModel model = new CredentialModel();
            model.setType(PushDeviceCredentialModel.TYPE);
            model.setCredentialData((String) row[3]);
            PushDevices.index(session, realm, (String) row[1], (String) row[0],
                    PushDeviceCredentialModel.createFromCredentialModel(model).getDeviceId());
        }
        return rows.size();
    }
}
