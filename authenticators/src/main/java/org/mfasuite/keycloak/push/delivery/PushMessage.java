package org.mfasuite.keycloak.push.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notification: it wakes the device and names the challenge, nothing more. No secret and nothing about the
 * user travels through a push service; the device fetches the challenge's details itself over the signed API.
 */
public record PushMessage(String realm, String challengeId, long expiresAtEpochSeconds) {

    public static final String TYPE = "mfa-push-challenge";

    /** {@code {"type":"mfa-push-challenge","realm":"demo","challenge":"<id>","exp":<epoch s>}} in UTF-8. */
    public byte[] toJson() {
        return Json.write(fields());
    }

    /** The same fields as strings, for FCM's {@code data} map (its values must be strings). */
    public Map<String, String> toStrings() {
        Map<String, String> data = new LinkedHashMap<>();
        fields().forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

    private Map<String, Object> fields() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE);
        json.put("realm", realm);
        json.put("challenge", challengeId);
        json.put("exp", expiresAtEpochSeconds);
        return json;
    }
}
