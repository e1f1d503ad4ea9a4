package org.mfasuite.keycloak.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.mfasuite.keycloak.push.delivery.DeliveryOutcome;
import org.mfasuite.keycloak.push.delivery.PushDeliverySettings;
import org.mfasuite.keycloak.push.delivery.PushMessage;
import org.mfasuite.keycloak.push.delivery.PushSender;
import org.mfasuite.keycloak.push.delivery.PushSenders;
import org.mfasuite.keycloak.push.delivery.PushTarget;
import org.mfasuite.keycloak.push.delivery.RealmVapidKeys;
import org.mfasuite.keycloak.push.delivery.VapidKeys;

/**
 * Wakes the user's devices once the request is stored: after the sign-in's transaction commits (so a device that
 * reacts at once finds the request on any node), on Keycloak's executor (so a slow push service never holds the
 * login page). A target the push service calls gone is cleared; such a device polls.
 */
final class PushNotifier {

    private static final Logger LOG = Logger.getLogger(PushNotifier.class);
    static final String EXECUTOR = "mfa-push-delivery";

    private record Delivery(String credentialId, PushTarget target, PushSender sender) {
    }

    private PushNotifier() {
    }

    static void afterCommit(KeycloakSession session, RealmModel realm, Map<String, String> config, UserModel user,
                            List<PushDeviceCredentialModel> devices, PushChallenge challenge) {
        PushDeliverySettings settings = PushDeliverySettings.from(config);
        List<Delivery> deliveries = new ArrayList<>();
        for (PushDeviceCredentialModel device : devices) {
            PushTarget target = device.getPush();
            PushSender sender = target == null ? null : PushSenders.forTarget(session, realm, settings, target);
            if (sender != null) {
                deliveries.add(new Delivery(device.getId(), target, sender));
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        PushMessage message = new PushMessage(realm.getName(), challenge.id(), challenge.expires());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        var executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        String realmId = realm.getId();
        String userId = user.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> deliver(factory, realmId, userId, deliveries, message));
            }

            @Override
            protected void rollbackImpl() {
                // nothing was stored, so nothing is announced
            }
        });
    }

    private static void deliver(KeycloakSessionFactory factory, String realmId, String userId, List<Delivery> deliveries,
                                PushMessage message) {
        List<String> gone = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.sender().send(delivery.target(), message) == DeliveryOutcome.GONE) {
                gone.add(delivery.credentialId());
            }
        }
        if (!gone.isEmpty()) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
                    if (user == null) {
                        return;
                    }
                    PushDeviceCredentialProvider provider = PushDeviceCredentialProvider.of(session);
                    provider.devicesOf(user).stream().filter(d -> gone.contains(d.getId()))
                            .forEach(d -> provider.update(user, d.withPush(null)));
                });
            } catch (RuntimeException e) {
                LOG.warnf("Realm %s: could not clear a push target the push service no longer knows: %s", realmId, e.getMessage());
            }
        }
    }

    /** The realm's Web Push application server key, or null while it has none (never created here). */
    static String vapidPublicKey(KeycloakSession session, RealmModel realm) {
        try {
            VapidKeys keys = RealmVapidKeys.existing(session, realm);
            return keys == null ? null : keys.publicKeyBase64Url();
        } catch (RuntimeException e) {
            LOG.warnf("Realm %s: no VAPID key for Web Push: %s", realm.getName(), e.getMessage());
            return null;
        }
    }

    /** Creates the realm's VAPID key if it has none: when a user is about to enrol a device. */
    static void ensureVapidKey(KeycloakSession session, RealmModel realm) {
        try {
            RealmVapidKeys.of(session, realm);
        } catch (RuntimeException e) {
            LOG.warnf("Realm %s: could not create the VAPID key for Web Push: %s", realm.getName(), e.getMessage());
        }
    }
}
