package org.mfasuite.keycloak.oath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The token registry and pool: the suite's table {@code MFA_OATH_POOL}, one row per imported serial per realm. A
 * waiting token keeps its secret there; an assigned one keeps only whose OTP credential it became. Nothing is cached
 * here: another node sees the same rows. No user holds the pool, so no sign-up, user list or deletion touches it.
 */
public final class TokenPool {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public TokenPool(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** One stored token: its serial, entry and row id. */
    public record Stored(String serial, PoolEntry entry, String id) {
    }

    /** Every stored token of the realm, by serial key (one query). */
    public Map<String, Stored> all() {
        Map<String, Stored> out = new HashMap<>();
        em.createQuery("select e from MfaOathPool e where e.realmId = :realm", OathPoolEntity.class)
                .setParameter("realm", realm.getId()).getResultStream().map(TokenPool::stored)
                .forEach(s -> out.put(ImportPlan.key(s.serial()), s));
        return out;
    }

    /** The serials of the tokens assigned to a user, by the id of the OTP credential each became (one query). */
    public Map<String, String> serialsByCredential(String userId) {
        Map<String, String> out = new HashMap<>();
        em.createQuery("select e from MfaOathPool e where e.realmId = :realm and e.userId = :user", OathPoolEntity.class)
                .setParameter("realm", realm.getId()).setParameter("user", userId).getResultStream()
                .filter(e -> e.credentialId != null).forEach(e -> out.put(e.credentialId, e.serial));
        return out;
    }

    /** A page of the realm's tokens by serial; {@code status} null for all. */
    public List<Stored> page(String status, int first, int max) {
        var query = em.createQuery("select e from MfaOathPool e where e.realmId = :realm"
                        + (status == null ? "" : " and e.status = :status") + " order by e.serial", OathPoolEntity.class)
                .setParameter("realm", realm.getId());
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(TokenPool::stored).toList();
    }

    public Optional<Stored> find(String serial) {
        return em.createQuery("select e from MfaOathPool e where e.realmId = :realm and e.serialKey = :key",
                        OathPoolEntity.class)
                .setParameter("realm", realm.getId()).setParameter("key", ImportPlan.key(serial))
                .getResultStream().findFirst().map(TokenPool::stored);
    }

    /** A waiting token: secret kept (base32) until it is assigned; {@code replacing} a stale entry, or null. */
    public void addPooled(OathToken token, Stored replacing) {
        put(token.serial(), PoolEntry.of(token, Time.currentTimeMillis()), Base32Secret.encode(token.secret()), replacing);
    }

    /** A token assigned at import: only the record of where it went. */
    public void addAssigned(OathToken token, String userId, String credentialId, Stored replacing) {
        put(token.serial(), PoolEntry.of(token, Time.currentTimeMillis()).assignedTo(userId, credentialId), null,
                replacing);
    }

    /** After an assignment from the pool: the secret leaves the table. */
    public void markAssigned(Stored stored, String userId, String credentialId) {
        OathPoolEntity row = em.find(OathPoolEntity.class, stored.id());
        row.set(row.serial, stored.entry().assignedTo(userId, credentialId), null);
    }

    /** The waiting token's secret. */
    public byte[] secretOf(Stored stored) {
        return Base32Secret.decode(em.find(OathPoolEntity.class, stored.id()).secret);
    }

    /** Whether an assigned entry still matches a user's credential (users may delete it in the Account Console). */
    public boolean isStale(Stored stored) {
        if (!PoolEntry.ASSIGNED.equals(stored.entry().status())) {
            return false;
        }
        UserModel holder = session.users().getUserById(realm, stored.entry().userId());
        return holder == null || holder.credentialManager().getStoredCredentialById(stored.entry().credentialId()) == null;
    }

    public String holderName(Stored stored) {
        UserModel holder = stored.entry().userId() == null ? null : session.users().getUserById(realm, stored.entry().userId());
        return holder == null ? null : holder.getUsername();
    }

    /**
     * A row written (a stale one is updated in place: the database refuses a second row of one serial, and a delete
     * would be flushed after the insert).
     */
    void put(String serial, PoolEntry entry, String secret, Stored replacing) {
        OathPoolEntity row = replacing == null ? null : em.find(OathPoolEntity.class, replacing.id());
        if (row == null) {
            row = new OathPoolEntity();
            row.id = KeycloakModelUtils.generateId();
            row.realmId = realm.getId();
            row.set(serial, entry, secret);
            em.persist(row);
        } else {
            row.set(serial, entry, secret);
        }
    }

    /** A realm's rows go with it. */
    static void removeRealm(EntityManager em, String realmId) {
        em.createQuery("delete from MfaOathPool e where e.realmId = :realm").setParameter("realm", realmId)
                .executeUpdate();
    }

    private static Stored stored(OathPoolEntity row) {
        return new Stored(row.serial, row.entry(), row.id);
    }
}
