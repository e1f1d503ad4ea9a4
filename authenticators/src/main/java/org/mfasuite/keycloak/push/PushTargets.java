package org.mfasuite.keycloak.push;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.flow.StepConfig;
import org.mfasuite.keycloak.push.delivery.PushDeliverySettings;
import org.mfasuite.keycloak.push.delivery.PushTarget;

/**
 * Reads where a device wants its wake-ups ({@code {"kind":"webpush",…}}, {@code {"kind":"fcm",…}},
 * {@code {"kind":"none"}}) and checks it against the realm's delivery settings (allowed push hosts).
 */
final class PushTargets {

    private PushTargets() {
    }

    /** The delivery settings of the realm's {@code mfa-push} step (its allowed push hosts), outside a sign-in. */
    static PushDeliverySettings realmSettings(RealmModel realm) {
        return PushDeliverySettings.from(StepConfig.of(realm, PushAuthenticatorFactory.PROVIDER_ID));
    }

    /** @return the checked target, or null for "none" / absent (the device polls) */
    static PushTarget read(JsonNode push, PushDeliverySettings settings) {
        if (push == null || push.isNull()) {
            return null;
        }
        if (!push.isObject()) {
            throw invalid("push must be an object");
        }
        String kind = push.path("kind").asText("");
        if (kind.equals("none")) {
            return null;
        }
        try {
            return new PushTarget(kind, text(push, "endpoint"), text(push, "p256dh"), text(push, "auth"), text(push, "token"))
                    .validated(settings);
        } catch (IllegalArgumentException e) {
            throw invalid("push: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static DeviceApiException invalid(String description) {
        return DeviceApiException.badRequest("invalid_request", description);
    }
}
