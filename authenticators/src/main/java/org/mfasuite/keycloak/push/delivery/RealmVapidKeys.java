package org.mfasuite.keycloak.push.delivery;

import java.util.function.Supplier;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A realm's VAPID key pair, kept in a component of type {@link VapidKeyStore} whose private key is a secret config
 * value: admin reads and realm exports mask it, as they mask a key provider's private key. It is created when a
 * user first gets an enrolment code ({@link #of}), never by the unauthenticated {@code GET …/config}
 * ({@link #existing}). Older versions kept it in the realm attribute {@value #ATTRIBUTE}, readable with view-realm
 * and exported with the realm: such a key moves into the component once (subscriptions keep working) and the
 * attribute is removed.
 *
 * <p>Writes run in their own transactions (Keycloak's internal {@link KeycloakModelUtils}), so the key is committed
 * before a notification signed with it goes out; call these outside code that has changed the realm.
 */
public final class RealmVapidKeys {

    /** Where earlier builds kept the key pair; read only to move it. */
    public static final String ATTRIBUTE = "mfa-push.vapid-key";
    static final String CLAIM_PREFIX = "mfa-push-vapid-create:";
    private static final long CLAIM_SECONDS = 30;
    private static final String NAME = "mfa-push VAPID key";

    private RealmVapidKeys() {
    }

    /**
     * The realm's key pair, created (once cluster-wide) when it has none.
     *
     * @throws IllegalStateException when another node is creating the key and it did not appear in time
     */
    public static VapidKeys of(KeycloakSession session, RealmModel realm) {
        VapidKeys existing = existing(session, realm);
        return existing != null ? existing : getOrCreate(session, realm, VapidKeys::generate);
    }

    /** The realm's key pair, or null when it has none yet: never creates one (an old attribute's key is moved). */
    public static VapidKeys existing(KeycloakSession session, RealmModel realm) {
        String legacy = realm.getAttribute(ATTRIBUTE);
        if (legacy == null) {
            return stored(realm);
        }
        VapidKeys old = decodeOrNull(legacy);
        return getOrCreate(session, realm, () -> old);
    }

    /** {@code fresh}: the key to store when none is (a new one, or the attribute's); null stores nothing. */
    private static VapidKeys getOrCreate(KeycloakSession session, RealmModel realm, Supplier<VapidKeys> fresh) {
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        VapidKeyCreation.Store committed = new VapidKeyCreation.Store() {
            @Override
            public String read() {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                    ComponentModel component = component(s.realms().getRealm(realmId));
                    return component == null ? null : encoded(component);
                });
            }

            @Override
            public void write(String encoded) {
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    RealmModel r = s.realms().getRealm(realmId);
                    ComponentModel old = component(r);
                    if (old != null) {
                        r.removeComponent(old); // a damaged one: replaced
                    }
                    VapidKeys keys = VapidKeys.decode(encoded);
                    ComponentModel model = new ComponentModel();
                    model.setName(NAME);
                    model.setProviderId(VapidKeyStoreFactory.PROVIDER_ID);
                    model.setProviderType(VapidKeyStore.class.getName());
                    model.setParentId(realmId);
                    model.put(VapidKeyStoreFactory.PRIVATE_KEY, keys.privateKeyBase64Url());
                    model.put(VapidKeyStoreFactory.PUBLIC_KEY, keys.publicKeyBase64Url());
                    r.addComponentModel(model);
                });
            }
        };
        boolean[] claimed = {false};
        VapidKeys keys;
        try {
            keys = VapidKeyCreation.getOrCreate(committed, () -> claimed[0] =
                    session.singleUseObjects().putIfAbsent(CLAIM_PREFIX + realmId, CLAIM_SECONDS), Thread::sleep, fresh);
        } finally {
            if (claimed[0]) {
                // stored (or nothing to store): the next one to find no key (an admin deleted it) may create at once
                session.singleUseObjects().remove(CLAIM_PREFIX + realmId);
            }
        }
        if (realm.getAttribute(ATTRIBUTE) != null) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> s.realms().getRealm(realmId).removeAttribute(ATTRIBUTE));
        }
        return keys;
    }

    private static VapidKeys stored(RealmModel realm) {
        ComponentModel component = component(realm);
        return component == null ? null : decodeOrNull(encoded(component));
    }

    private static ComponentModel component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), VapidKeyStore.class.getName())
                .filter(c -> VapidKeyStoreFactory.PROVIDER_ID.equals(c.getProviderId())).findFirst().orElse(null);
    }

    private static String encoded(ComponentModel component) {
        String privateKey = component.get(VapidKeyStoreFactory.PRIVATE_KEY);
        String publicKey = component.get(VapidKeyStoreFactory.PUBLIC_KEY);
        return privateKey == null || publicKey == null ? null : privateKey + "." + publicKey;
    }

    private static VapidKeys decodeOrNull(String encoded) {
        try {
            return encoded == null ? null : VapidKeys.decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
