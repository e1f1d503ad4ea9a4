package org.mfasuite.keycloak.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code app-url} setting of the {@code mfa-push} step: where the companion app is served from a host name of its
 * own (the production set-up), so no page of Keycloak's origin (a theme, the account or admin console) can reach
 * the device keys the app keeps in that origin's storage. Enrolment links point there, and the device API allows
 * exactly its origin by CORS.
 */
public record AppUrl(String url, String origin) {

    public static final String KEY = "app-url";

    /** The setting's value, or null when it is empty or not an absolute http(s) URL without fragment and user info. */
    public static AppUrl parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new AppUrl(origin + path, origin);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** What is wrong with the setting, for the admin; null when it is fine or unset. */
    public static String problem(String value) {
        if (value == null || value.isBlank() || parse(value) != null) {
            return null;
        }
        return "Companion app URL (" + KEY + ") must be an absolute http(s) URL without query, fragment or user info";
    }

    /** The enrolment link: the token in the fragment, so no server log sees it. */
    public String enrolLink(String token) {
        return url + "#enroll=" + token;
    }
}
