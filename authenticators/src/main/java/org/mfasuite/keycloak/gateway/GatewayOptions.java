package org.mfasuite.keycloak.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.keycloak.Config;

/**
 * Reads this SPI's server options. Blank counts as unset; a malformed value stops the server at start with the
 * option's full name, because a gateway that silently falls back would only fail at a user's login.
 */
final class GatewayOptions {

    static final int DEFAULT_TIMEOUT_MS = 5000;

    private GatewayOptions() {
    }

    static String string(Config.Scope config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Duration timeout(Config.Scope config, String gatewayId) {
        String raw = string(config, "timeout-ms");
        if (raw == null) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MS);
        }
        try {
            long millis = Long.parseLong(raw);
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(gatewayId, "timeout-ms", "a positive number of milliseconds");
    }

    static boolean bool(Config.Scope config, String gatewayId, String key, boolean defaultValue) {
        String raw = string(config, key);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(gatewayId, key, "true or false");
        };
    }

    static URI httpUri(Config.Scope config, String gatewayId, String key) {
        String raw = string(config, key);
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // secrets travel in headers: plain http only to this machine (tests, a local relay)
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw invalid(gatewayId, key, "an absolute https URL (http only for localhost)");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]") || h.equals("::1");
    }

    static IllegalArgumentException invalid(String gatewayId, String key, String expected) {
        return new IllegalArgumentException(
                "--spi-" + MessageGatewaySpi.NAME + "--" + gatewayId + "--" + key + " must be " + expected);
    }
}
