package org.mfasuite.keycloak.push.delivery;

import java.net.http.HttpClient;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.vault.VaultStringSecret;

/** Picks the sender for a device's target. */
public final class PushSenders {

    private static final Logger LOG = Logger.getLogger(PushSenders.class);
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\..+}$");
    private static final LongSupplier KEYCLOAK_CLOCK = () -> Time.currentTime();

    /** One client per node: a connection pool, no state another node needs. */
    private static final class SharedClient {
        static final HttpClient CLIENT = PushHttp.newClient();
    }

    private PushSenders() {
    }

    /**
     * The sender for {@code target} in the current realm: Web Push signed with the realm's VAPID key (created on
     * first use), FCM with the configured service account (a vault reference resolved in this realm).
     * <p>
     * The sender runs later, on Keycloak's executor, after this request's session has closed: it keeps neither
     * {@code session} nor {@code realm}. The VAPID key is read at send time in a session of its own.
     *
     * @return null when the target's kind is not configured (FCM without a service account) or unknown: the
     *         device learns of challenges by polling
     */
    public static PushSender forTarget(KeycloakSession session, RealmModel realm, PushDeliverySettings settings,
            PushTarget target) {
        return forTarget(target, settings, vapidKeysOf(session.getKeycloakSessionFactory(), realm.getId()),
                fromVault(session), SharedClient.CLIENT, FcmAccessTokens.NODE, KEYCLOAK_CLOCK);
    }

    /** The realm's VAPID keys, read (or created) in a fresh session wherever the supplier is called. */
    static Supplier<VapidKeys> vapidKeysOf(KeycloakSessionFactory factory, String realmId) {
        return () -> KeycloakModelUtils.runJobInTransactionWithResult(factory, fresh -> {
            RealmModel realm = fresh.realms().getRealm(realmId);
            if (realm == null) {
                throw new IllegalStateException("realm " + realmId + " is gone");
            }
            return RealmVapidKeys.of(fresh, realm);
        });
    }

    /** The same, with every dependency handed in (unit tests). */
    public static PushSender forTarget(PushTarget target, PushDeliverySettings settings, Supplier<VapidKeys> vapidKeys,
            UnaryOperator<String> secrets, HttpClient client, FcmAccessTokens tokens, LongSupplier nowEpochSeconds) {
        if (target == null) {
            return null;
        }
        if (PushTarget.WEB_PUSH.equals(target.kind())) {
            return new WebPushSender(settings, vapidKeys, client, new WebPushEncryption(), nowEpochSeconds);
        }
        if (!PushTarget.FCM.equals(target.kind()) || settings.fcmServiceAccount() == null) {
            return null;
        }
        String configured = settings.fcmServiceAccount();
        String json = secrets.apply(configured);
        if (json == null || json.isBlank() || (json.equals(configured) && VAULT_REFERENCE.matcher(json).matches())) {
            return failing(PushDeliverySettings.FCM_SERVICE_ACCOUNT + " refers to " + configured
                    + ", which the realm's vault does not hold");
        }
        try {
            return new FcmSender(FcmServiceAccount.parse(json), settings, client, tokens, nowEpochSeconds);
        } catch (IllegalArgumentException e) {
            return failing(PushDeliverySettings.FCM_SERVICE_ACCOUNT + ": " + e.getMessage());
        }
    }

    /** Configured but unusable: every send fails, and says why, rather than falling silent. */
    private static PushSender failing(String reason) {
        return (target, message) -> {
            LOG.warnf("FCM: not sent, %s", reason);
            return DeliveryOutcome.FAILED;
        };
    }

    /** Plain values unchanged; {@code ${vault.key}} resolved in the session's realm, or unchanged when missing. */
    static UnaryOperator<String> fromVault(KeycloakSession session) {
        return value -> {
            if (value == null || !VAULT_REFERENCE.matcher(value).matches()) {
                return value;
            }
            try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
                return secret.get().orElse(value);
            }
        };
    }
}
