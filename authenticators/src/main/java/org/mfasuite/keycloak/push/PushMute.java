package org.mfasuite.keycloak.push;

import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * "This wasn't me": no push requests to the user until the mute ends. Kept cluster-wide; compared with
 * Keycloak's clock, so it follows the server's time offset.
 */
public final class PushMute {

    private final SingleUseObjectProvider store;

    public PushMute(SingleUseObjectProvider store) {
        this.store = store;
    }

    public void mute(String realmId, String userId, int minutes, long now) {
        if (minutes > 0) {
            store.put(key(realmId, userId), minutes * 60L, Map.of("until", Long.toString(now + minutes * 60L)));
        }
    }

    /** When the mute ends (Keycloak seconds), or 0 when the user is not muted. */
    public long mutedUntil(String realmId, String userId, long now) {
        Map<String, String> notes = store.get(key(realmId, userId));
        if (notes == null || notes.get("until") == null) {
            return 0;
        }
        long until = Long.parseLong(notes.get("until"));
        return until > now ? until : 0;
    }

    private static String key(String realmId, String userId) {
        return "mfa-push:mute:" + realmId + ":" + userId;
    }
}
