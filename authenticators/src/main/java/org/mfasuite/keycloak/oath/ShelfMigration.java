package org.mfasuite.keycloak.oath;

import java.io.IOException;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * Versions before the pool table kept each imported token as a credential of type {@code mfa-oath-token} (label =
 * serial, data = {@link PoolEntry}, secret = OTP secret data) on 16 disabled users {@code mfa-oath-pool-0 … -f}
 * marked with the attribute {@code mfa-oath-pool=true}. This moves every entry into the table (a serial already there
 * is left as it is) and deletes the shelf users. Idempotent: a second run finds no shelf and does nothing; found by
 * the marker attribute in one query, so a start without shelves costs one indexed lookup.
 */
public final class ShelfMigration {

    static final String TYPE = "mfa-oath-token";
    static final String SHELF_PREFIX = "mfa-oath-pool-";
    static final String SHELF_ATTRIBUTE = "mfa-oath-pool";

    private ShelfMigration() {
    }

    /** Moves every realm's shelves; returns how many entries were moved. */
    public static int run(KeycloakSession session) {
        return move(session, shelves(session, null));
    }

    /**
     * One realm's shelves: what the pool's admin endpoints run first, for shelves an older node wrote after this
     * node started (a rolling upgrade). One indexed lookup when there is none.
     */
    public static int run(KeycloakSession session, RealmModel realm) {
        return move(session, shelves(session, realm.getId()));
    }

    /** (realm id, user id) of every user carrying the shelf marker, in one realm or all. */
    private static List<Object[]> shelves(KeycloakSession session, String realmId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        var query = em.createQuery("select u.realmId, u.id from UserAttributeEntity a join a.user u"
                + " where a.name = :name and a.value = 'true'" + (realmId == null ? "" : " and u.realmId = :realm"),
                Object[].class).setParameter("name", SHELF_ATTRIBUTE);
        return (realmId == null ? query : query.setParameter("realm", realmId)).getResultList();
    }

    private static int move(KeycloakSession session, List<Object[]> shelves) {
        int moved = 0;
        for (Object[] shelf : shelves) {
            RealmModel realm = session.realms().getRealm((String) shelf[0]);
            UserModel user = realm == null ? null : session.users().getUserById(realm, (String) shelf[1]);
            if (user != null && user.getUsername().startsWith(SHELF_PREFIX)) {
                moved += move(session, realm, user);
            }
        }
        return moved;
    }

    private static int move(KeycloakSession session, RealmModel realm, UserModel shelf) {
        TokenPool pool = new TokenPool(session, realm);
        int moved = 0;
        for (CredentialModel c : shelf.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList()) {
            if (c.getUserLabel() == null || pool.find(c.getUserLabel()).isPresent()) {
                continue;
            }
            PoolEntry entry = read(c.getCredentialData(), PoolEntry.class);
            OTPSecretData secret = PoolEntry.POOLED.equals(entry.status())
                    ? read(c.getSecretData(), OTPSecretData.class) : null;
            pool.put(c.getUserLabel(), entry, secret == null ? null : secret.getValue(), null);
            moved++;
        }
        session.users().removeUser(realm, shelf);
        return moved;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonSerialization.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable shelf entry", e);
        }
    }
}
