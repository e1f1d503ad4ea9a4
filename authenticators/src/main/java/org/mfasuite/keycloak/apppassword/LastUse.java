package org.mfasuite.keycloak.apppassword;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Decides whether a use of an app password is written to the database: at most once a minute per app password,
 * whatever the number of nodes. The stored last use answers first (no store call when it is recent); then one
 * node wins a cluster-wide {@code putIfAbsent} marker that lives a minute.
 */
final class LastUse {

    static final int INTERVAL_SECONDS = 60;

    private final SingleUseObjectProvider store;

    LastUse(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * @param credentialId the app password
     * @param lastUsedAt   its stored last use, epoch seconds (0: never)
     * @param now          epoch seconds
     * @return whether this request should write the use
     */
    boolean shouldRecord(String credentialId, long lastUsedAt, long now) {
        if (lastUsedAt > 0 && now - lastUsedAt < INTERVAL_SECONDS) {
            return false;
        }
        return store.putIfAbsent("mfa-app-password-used:" + credentialId, INTERVAL_SECONDS);
    }
}
