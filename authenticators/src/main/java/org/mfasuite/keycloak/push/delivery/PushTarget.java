package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a device wants its wake-up notifications: a Web Push subscription (endpoint and keys, as the browser's
 * {@code PushSubscription.toJSON()} gives them) or an FCM registration token. Stored as JSON in the device's
 * credential.
 *
 * @param kind     {@link #WEB_PUSH} or {@link #FCM}
 * @param endpoint Web Push: the push service URL the subscription names
 * @param p256dh   Web Push: base64url of the user agent's uncompressed P-256 public key (65 bytes)
 * @param auth     Web Push: base64url of the 16-byte authentication secret
 * @param token    FCM: the registration token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushTarget(String kind, String endpoint, String p256dh, String auth, String token) {

    public static final String WEB_PUSH = "webpush";
    public static final String FCM = "fcm";
    static final int MAX_ENDPOINT = 2048;
    static final int MAX_TOKEN = 4096;

    public static PushTarget webPush(String endpoint, String p256dh, String auth) {
        return new PushTarget(WEB_PUSH, endpoint, p256dh, auth, null);
    }

    public static PushTarget fcm(String registrationToken) {
        return new PushTarget(FCM, null, null, null, registrationToken);
    }

    /**
     * Checks what a device sent, without knowing the realm's settings: the kind is known; a Web Push endpoint is
     * an https URL (plain http only to a loopback address, for tests) with valid keys; an FCM token is at most
     * 4096 visible ASCII characters. Fields of the other kind are dropped.
     *
     * @throws IllegalArgumentException with a short reason a client may be shown
     */
    public PushTarget validated() {
        if (WEB_PUSH.equals(kind)) {
            URI uri = endpointUri(endpoint);
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
                throw new IllegalArgumentException("endpoint must be an https URL");
            }
            byte[] point = decode(p256dh, "p256dh");
            try {
                P256.publicKey(point);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("p256dh must be an uncompressed P-256 public key");
            }
            if (decode(auth, "auth").length != 16) {
                throw new IllegalArgumentException("auth must be 16 bytes");
            }
            return webPush(endpoint, p256dh, auth);
        }
        if (FCM.equals(kind)) {
            if (token == null || token.isEmpty() || token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("token must be 1 to " + MAX_TOKEN + " visible ASCII characters");
            }
            return fcm(token);
        }
        throw new IllegalArgumentException("kind must be '" + WEB_PUSH + "' or '" + FCM + "'");
    }

    /**
     * {@link #validated()}, and a Web Push endpoint's host must be one the realm allows ({@code web-push-hosts});
     * plain http only to a host listed by its exact name. Use this where a device registers or updates its target.
     */
    public PushTarget validated(PushDeliverySettings settings) {
        PushTarget checked = validated();
        if (WEB_PUSH.equals(kind)) {
            URI uri = endpointUri(endpoint);
            if (!settings.webPushHosts().allows(uri)) {
                throw new IllegalArgumentException("endpoint host is not an allowed push service");
            }
            if ("http".equals(uri.getScheme()) && !settings.webPushHosts().listsExactly(uri.getHost())) {
                throw new IllegalArgumentException("endpoint must be an https URL");
            }
        }
        return checked;
    }

    static URI endpointUri(String endpoint) {
        if (endpoint == null || endpoint.isEmpty() || endpoint.length() > MAX_ENDPOINT) {
            throw new IllegalArgumentException("endpoint must be a URL of at most " + MAX_ENDPOINT + " characters");
        }
        try {
            URI uri = new URI(endpoint);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a URL");
        }
    }

    private static byte[] decode(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be base64url");
        }
        try {
            return P256.unb64(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be base64url");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
