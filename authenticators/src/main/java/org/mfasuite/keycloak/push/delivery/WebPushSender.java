package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and message encryption (RFC 8291): one POST to the subscription's
 * endpoint, only to hosts the realm allows.
 */
public final class WebPushSender implements PushSender {

    private static final Logger LOG = Logger.getLogger(WebPushSender.class);
    /** Hosts already warned about on this node: a refused host is logged once, not at every sign-in. */
    private static final Set<String> REFUSED_LOGGED = ConcurrentHashMap.newKeySet();
    private static final int REFUSED_LOG_LIMIT = 100;

    private final PushDeliverySettings settings;
    private final Supplier<VapidKeys> vapidKeys;
    private final HttpClient client;
    private final WebPushEncryption encryption;
    private final LongSupplier nowEpochSeconds;

    /**
     * @param vapidKeys       asked at send time; may throw (then the send fails)
     * @param nowEpochSeconds Keycloak's clock ({@code Time::currentTime}), against which the message's exp counts
     */
    public WebPushSender(PushDeliverySettings settings, Supplier<VapidKeys> vapidKeys, HttpClient client,
            WebPushEncryption encryption, LongSupplier nowEpochSeconds) {
        this.settings = settings;
        this.vapidKeys = vapidKeys;
        this.client = client;
        this.encryption = encryption;
        this.nowEpochSeconds = nowEpochSeconds;
    }

    @Override
    public DeliveryOutcome send(PushTarget target, PushMessage message) {
        URI endpoint;
        try {
            if (target == null || !PushTarget.WEB_PUSH.equals(target.kind())) {
                throw new IllegalArgumentException("not a Web Push target");
            }
            endpoint = PushTarget.endpointUri(target.endpoint());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Web Push: not sent, the device's subscription is unusable: %s", e.getMessage());
            return DeliveryOutcome.FAILED;
        }
        String host = endpoint.getHost();
        if (!settings.webPushHosts().allows(endpoint)) {
            if (REFUSED_LOGGED.size() < REFUSED_LOG_LIMIT && REFUSED_LOGGED.add(host)) {
                LOG.warnf("Web Push: not sent to %s, which is not in %s", host, PushDeliverySettings.WEB_PUSH_HOSTS);
            }
            return DeliveryOutcome.FAILED;
        }
        try {
            target.validated(settings);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Web Push: not sent to %s, the device's subscription is unusable: %s", host, e.getMessage());
            return DeliveryOutcome.FAILED;
        }
        long now = nowEpochSeconds.getAsLong();
        long ttl = message.expiresAtEpochSeconds() - now;
        if (ttl <= 0) {
            return DeliveryOutcome.FAILED; // nothing left to approve
        }
        try {
            byte[] body = encryption.encrypt(message.toJson(), P256.unb64(target.p256dh()), P256.unb64(target.auth()));
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofMillis(settings.timeoutMs()))
                    .header("Content-Encoding", "aes128gcm")
                    .header("Content-Type", "application/octet-stream")
                    .header("TTL", String.valueOf(ttl))
                    .header("Urgency", "high")
                    .header("Authorization", Vapid.authorization(vapidKeys.get(), endpoint, settings.vapidSubject(), now))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int status = PushHttp.exchange(client, request).status();
            DeliveryOutcome outcome = switch (status) {
                case 201, 202 -> DeliveryOutcome.DELIVERED;
                case 404, 410 -> DeliveryOutcome.GONE;
                default -> DeliveryOutcome.FAILED;
            };
            if (status == 403 && PushDeliverySettings.DEFAULT_SUBJECT.equals(settings.vapidSubject())) {
                LOG.warnf("Web Push: %s answered HTTP 403; push services such as Apple's refuse the default %s "
                        + "(%s): set a real mailto: address or https: URL", host, PushDeliverySettings.VAPID_SUBJECT,
                        PushDeliverySettings.DEFAULT_SUBJECT);
            } else if (outcome == DeliveryOutcome.FAILED) {
                LOG.warnf("Web Push: %s answered HTTP %d", host, status);
            } else {
                LOG.debugf("Web Push: %s answered HTTP %d", host, status);
            }
            return outcome;
        } catch (IOException e) {
            LOG.warnf("Web Push: %s", e.getMessage());
            return DeliveryOutcome.FAILED;
        } catch (RuntimeException e) {
            LOG.warnf("Web Push: not sent to %s: %s", host, e.getClass().getSimpleName());
            return DeliveryOutcome.FAILED;
        }
    }
}
