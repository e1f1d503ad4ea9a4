package org.mfasuite.keycloak.push.delivery;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A realm's VAPID key pair, kept in the realm attribute {@value #ATTRIBUTE} and created on first use.
 *
 * <p>Trade-off: realm attributes are part of the realm representation, so admins who may view the realm can read
 * the private key (as they can read key-provider configs); it travels with realm exports, so subscriptions
 * survive a move. Its only power is to send notifications to this realm's subscribed browsers, which carry no
 * secret. Creation runs in its own transaction (Keycloak's internal {@link KeycloakModelUtils}), so the key is
 * committed before a notification signed with it goes out; call this outside code that has changed the realm.
 */
public final class RealmVapidKeys {

    public static final String ATTRIBUTE = "mfa-push.vapid-key";
    static final String CLAIM_PREFIX = "mfa-push-vapid-create:";
    private static final long CLAIM_SECONDS = 30;

    private RealmVapidKeys() {
    }

    /** @throws IllegalStateException when another node is creating the key and it did not appear in time */
    public static VapidKeys of(KeycloakSession session, RealmModel realm) {
        String cached = realm.getAttribute(ATTRIBUTE);
        if (cached != null) {
            try {
                return VapidKeys.decode(cached);
            } catch (IllegalArgumentException e) {
                // handled below, under the claim
            }
        }
        String realmId = realm.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        VapidKeyCreation.Store committed = new VapidKeyCreation.Store() {
            @Override
            public String read() {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        s -> s.realms().getRealm(realmId).getAttribute(ATTRIBUTE));
            }

            @Override
            public void write(String encoded) {
                KeycloakModelUtils.runJobInTransaction(factory, s -> s.realms().getRealm(realmId).setAttribute(ATTRIBUTE, encoded));
            }
        };
        return VapidKeyCreation.getOrCreate(committed,
                () -> session.singleUseObjects().putIfAbsent(CLAIM_PREFIX + realmId, CLAIM_SECONDS), Thread::sleep);
    }
}
