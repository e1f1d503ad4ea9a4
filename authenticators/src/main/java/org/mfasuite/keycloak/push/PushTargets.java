package org.mfasuite.keycloak.push;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads where a device wants its wake-ups ({@code {"kind":"webpush",…}}, {@code {"kind":"fcm",…}},
 * {@code {"kind":"none"}}) into what the device credential stores; refuses anything else.
 */
final class PushTargets {

    private PushTargets() {
    }

    /** @return the stored form, or null for "none" / absent (the device polls) */
    static Map<String, String> read(JsonNode push) {
        if (push == null || push.isNull()) {
            return null;
        }
        if (!push.isObject()) {
            throw invalid("push must be an object");
        }
        String kind = push.path("kind").asText("");
        Map<String, String> target = new LinkedHashMap<>();
        switch (kind) {
            case "none" -> {
                return null;
            }
            case "webpush" -> {
                String endpoint = push.path("endpoint").asText("");
                URI uri;
                try {
                    uri = new URI(endpoint);
                } catch (java.net.URISyntaxException e) {
                    throw invalid("push.endpoint is not a URL");
                }
                if (endpoint.length() > 2048 || uri.getHost() == null
                        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw invalid("push.endpoint must be an https URL");
                }
                requireBytes(push, "p256dh", 65);
                requireBytes(push, "auth", 16);
                target.put("kind", kind);
                target.put("endpoint", endpoint);
                target.put("p256dh", push.path("p256dh").asText());
                target.put("auth", push.path("auth").asText());
            }
            case "fcm" -> {
                String token = push.path("token").asText("");
                if (token.isEmpty() || token.length() > 4096) {
                    throw invalid("push.token must be 1 to 4096 characters");
                }
                target.put("kind", kind);
                target.put("token", token);
            }
            default -> throw invalid("push.kind must be webpush, fcm or none");
        }
        return target;
    }

    private static void requireBytes(JsonNode push, String field, int length) {
        try {
            byte[] value = Base64.getUrlDecoder().decode(push.path(field).asText(""));
            if (value.length != length) {
                throw invalid("push." + field + " must be " + length + " bytes");
            }
        } catch (IllegalArgumentException e) {
            throw invalid("push." + field + " must be base64url");
        }
    }

    private static DeviceApiException invalid(String description) {
        return DeviceApiException.badRequest("invalid_request", description);
    }
}
