package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Voluntary Application Server Identification (RFC 8292): a short-lived ES256 JWT naming the push service
 * (audience) and the operator (subject), sent with the public key in the {@code Authorization} header.
 */
public final class Vapid {

    /** RFC 8292 allows up to 24 h; push services differ on clock skew, so half of it. */
    public static final long LIFETIME_SECONDS = 12 * 60 * 60;
    private static final byte[] HEADER = Json.write(headerFields());

    private Vapid() {
    }

    private static Map<String, String> headerFields() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "ES256");
        return header;
    }

    /** {@code vapid t=<jwt>, k=<public key>} for a request to {@code endpoint}. */
    public static String authorization(VapidKeys keys, URI endpoint, String subject, long nowEpochSeconds) {
        return "vapid t=" + jwt(keys, audience(endpoint), subject, nowEpochSeconds + LIFETIME_SECONDS)
                + ", k=" + keys.publicKeyBase64Url();
    }

    /** The push resource's origin: scheme, host and a non-default port, no path. */
    public static String audience(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String jwt(VapidKeys keys, String audience, String subject, long expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", expiresAt);
        claims.put("sub", subject);
        String input = P256.b64(HEADER) + "." + P256.b64(Json.write(claims));
        return input + "." + P256.b64(keys.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
