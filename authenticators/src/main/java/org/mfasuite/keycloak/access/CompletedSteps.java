package org.mfasuite.keycloak.access;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

/**
 * When the second-factor steps of this SSO session last succeeded, read from the user-session note in which
 * Keycloak itself records every completed execution ({@code authenticators-completed}: execution id to epoch
 * seconds; Keycloak merges an SSO session's earlier entries into it on a cookie sign-in). Sign-in frequency
 * needs no note of its own.
 */
public final class CompletedSteps {

    private CompletedSteps() {
    }

    public static Map<String, Integer> parse(String note) {
        if (note == null || note.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Integer> map = JsonSerialization.readValue(note, new TypeReference<Map<String, Integer>>() {
            });
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of(); // unreadable: as if none completed, so the user is asked again (never a pass)
        }
    }

    /**
     * Whether a second-factor step that meets the grant succeeded at or after {@code since} (epoch seconds).
     *
     * @param phishingResistantOnly only WebAuthn / passkey steps count
     */
    public static boolean metSince(Map<String, Integer> completed, Map<String, FlowPolicies.SecondFactorStep> steps,
                                   boolean phishingResistantOnly, long since) {
        for (Map.Entry<String, Integer> e : completed.entrySet()) {
            FlowPolicies.SecondFactorStep step = steps.get(e.getKey());
            if (step != null && (!phishingResistantOnly || step.phishingResistant()) && e.getValue() != null
                    && e.getValue() >= since) {
                return true;
            }
        }
        return false;
    }
}
