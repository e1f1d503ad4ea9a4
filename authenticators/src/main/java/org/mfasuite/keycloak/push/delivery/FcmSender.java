package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;

/**
 * Firebase Cloud Messaging HTTP v1: {@code POST {fcm-endpoint}/v1/projects/{project}/messages:send} with a data
 * message (the app wakes and fetches the challenge itself), high priority on Android and APNs.
 */
public final class FcmSender implements PushSender {

    private static final Logger LOG = Logger.getLogger(FcmSender.class);

    private final FcmServiceAccount account;
    private final URI sendUri;
    private final Duration timeout;
    private final HttpClient client;
    private final FcmAccessTokens tokens;
    private final LongSupplier nowEpochSeconds;

    public FcmSender(FcmServiceAccount account, PushDeliverySettings settings, HttpClient client, FcmAccessTokens tokens,
            LongSupplier nowEpochSeconds) {
        this.account = account;
        this.sendUri = URI.create(settings.fcmEndpoint() + "/v1/projects/" + account.projectId() + "/messages:send");
        this.timeout = Duration.ofMillis(settings.timeoutMs());
        this.client = client;
        this.tokens = tokens;
        this.nowEpochSeconds = nowEpochSeconds;
    }

    @Override
    public DeliveryOutcome send(PushTarget target, PushMessage message) {
        String token;
        try {
            if (target == null || !PushTarget.FCM.equals(target.kind())) {
                throw new IllegalArgumentException("not an FCM target");
            }
            token = target.validated().token();
        } catch (IllegalArgumentException e) {
            LOG.warnf("FCM: not sent, the device's target is unusable: %s", e.getMessage());
            return DeliveryOutcome.FAILED;
        }
        long now = nowEpochSeconds.getAsLong();
        long ttl = message.expiresAtEpochSeconds() - now;
        if (ttl <= 0) {
            return DeliveryOutcome.FAILED;
        }
        byte[] body = Json.write(Map.of("message", Map.of(
                "token", token,
                "data", message.toStrings(),
                "android", Map.of("priority", "high", "ttl", ttl + "s"),
                "apns", Map.of("headers", Map.of("apns-priority", "10",
                        "apns-expiration", String.valueOf(message.expiresAtEpochSeconds()))))));
        try {
            PushHttp.Answer answer = post(body, now);
            if (answer.status() == 401) {
                tokens.forget(account); // revoked or expired early: one more try with a fresh token
                answer = post(body, now);
            }
            DeliveryOutcome outcome = outcome(answer);
            if (outcome == DeliveryOutcome.DELIVERED) {
                LOG.debugf("FCM: %s answered HTTP %d", sendUri.getHost(), answer.status());
            } else {
                LOG.warnf("FCM: %s answered HTTP %d%s", sendUri.getHost(), answer.status(),
                        outcome == DeliveryOutcome.GONE ? " (token no longer valid)" : "");
            }
            return outcome;
        } catch (IOException e) {
            LOG.warnf("FCM: %s", e.getMessage());
            return DeliveryOutcome.FAILED;
        } catch (RuntimeException e) {
            LOG.warnf("FCM: not sent to %s: %s", sendUri.getHost(), e.getClass().getSimpleName());
            return DeliveryOutcome.FAILED;
        }
    }

    private PushHttp.Answer post(byte[] body, long now) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(sendUri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + tokens.get(account, client, timeout, now))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return PushHttp.exchange(client, request);
    }

    /**
     * 200: sent. 404, or an error naming UNREGISTERED, or INVALID_ARGUMENT about the token: the token is dead.
     * Anything else (quota, outage, our credentials) says nothing about the token.
     */
    static DeliveryOutcome outcome(PushHttp.Answer answer) {
        if (answer.status() == 200) {
            return DeliveryOutcome.DELIVERED;
        }
        if (answer.status() == 404) {
            return DeliveryOutcome.GONE;
        }
        JsonNode error;
        try {
            error = Json.read(answer.body()).path("error");
        } catch (IllegalArgumentException e) {
            return DeliveryOutcome.FAILED;
        }
        String status = error.path("status").asText("");
        boolean aboutToken = error.path("message").asText("").toLowerCase(Locale.ROOT).contains("registration token");
        for (JsonNode detail : error.path("details")) {
            String code = detail.path("errorCode").asText("");
            status = code.isEmpty() ? status : code;
            for (JsonNode violation : detail.path("fieldViolations")) {
                aboutToken |= "message.token".equals(violation.path("field").asText());
            }
        }
        if ("UNREGISTERED".equals(status) || ("INVALID_ARGUMENT".equals(status) && aboutToken)) {
            return DeliveryOutcome.GONE;
        }
        return DeliveryOutcome.FAILED;
    }
}
