package org.mfasuite.keycloak.push;

import java.net.URI;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a DPoP proof (RFC 9449) on a device request: signed by the device's own key (RFC 7638 thumbprint),
 * for this method and URL, fresh, and never seen before. Every failure is {@code 401 invalid_dpop_proof}.
 */
public final class DpopProof {

    /** A proof older than this is refused. */
    public static final int MAX_AGE_SECONDS = 60;
    /** Clocks differ: a proof this far in the future still counts. */
    public static final int MAX_SKEW_SECONDS = 10;
    /** jti values are remembered this long: longer than a proof can be valid. */
    static final int REPLAY_WINDOW_SECONDS = MAX_AGE_SECONDS + MAX_SKEW_SECONDS + 60;

    /** Cluster-wide first-use check: Keycloak's {@code singleUseObjects().putIfAbsent}. */
    public interface ReplayGuard {
        boolean firstUse(String key, long lifespanSeconds);
    }

    private DpopProof() {
    }

    /**
     * Whether a device's {@code iat} is its current time: at most {@value #MAX_AGE_SECONDS} s old and
     * {@value #MAX_SKEW_SECONDS} s ahead. One window for proofs, enrolments, answers and key rotations.
     */
    public static boolean isCurrent(long iat, long now) {
        return iat >= now - MAX_AGE_SECONDS && iat <= now + MAX_SKEW_SECONDS;
    }

    /**
     * @param expectedThumbprint the device's key thumbprint
     * @param now                Keycloak's time in seconds
     * @throws DeviceApiException when the proof does not hold
     */
    public static void verify(String proof, String method, URI requestUri, String expectedThumbprint, long now,
                              ReplayGuard replay) {
        CompactJws jws = CompactJws.parse(proof, "dpop+jwt", DeviceApiException::badProof);
        DeviceKey key;
        try {
            key = jws.headerKey();
        } catch (DeviceApiException e) {
            throw DeviceApiException.badProof(e.getMessage());
        }
        if (!java.security.MessageDigest.isEqual(key.thumbprint().getBytes(), expectedThumbprint.getBytes())) {
            throw DeviceApiException.badProof("proof is not signed by this device's key");
        }
        if (!jws.verifiedBy(key)) {
            throw DeviceApiException.badProof("signature does not verify");
        }
        JsonNode claims = jws.payload();
        String jti = claims.path("jti").asText("");
        if (jti.length() < 16 || jti.length() > 128) {
            throw DeviceApiException.badProof("jti must be 16 to 128 characters");
        }
        if (!method.equalsIgnoreCase(claims.path("htm").asText(""))) {
            throw DeviceApiException.badProof("htm does not match the request method");
        }
        if (!sameTarget(claims.path("htu").asText(""), requestUri)) {
            throw DeviceApiException.badProof("htu does not match the request URL");
        }
        JsonNode iat = claims.get("iat");
        if (iat == null || !iat.canConvertToLong()) {
            throw DeviceApiException.badProof("iat missing");
        }
        if (!isCurrent(iat.asLong(), now)) {
            throw DeviceApiException.badProof("iat must be within " + MAX_AGE_SECONDS + " s before and "
                    + MAX_SKEW_SECONDS + " s after the server's time");
        }
        if (!replay.firstUse("mfa-push:dpop:" + expectedThumbprint + ":" + jti, REPLAY_WINDOW_SECONDS)) {
            throw DeviceApiException.badProof("jti was used before");
        }
    }

    /** RFC 9449 4.3: htu matches scheme, host, port and path; query and fragment are ignored. */
    static boolean sameTarget(String htu, URI request) {
        URI claimed;
        try {
            claimed = new URI(htu);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (claimed.getScheme() == null || claimed.getHost() == null || request.getScheme() == null) {
            return false;
        }
        return claimed.getScheme().equalsIgnoreCase(request.getScheme())
                && claimed.getHost().toLowerCase(Locale.ROOT).equals(request.getHost().toLowerCase(Locale.ROOT))
                && port(claimed) == port(request)
                && normalisedPath(claimed).equals(normalisedPath(request));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String normalisedPath(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
