package org.mfasuite.keycloak.gateway;

import java.nio.file.Path;

import org.keycloak.Config;

/**
 * Options of the {@code dev} gateway.
 *
 * @param outbox                the JSON-lines file messages are appended to
 * @param enabledOutsideDevMode lets it run outside {@code start-dev}, e.g. in a staging cluster
 */
public record DevOutboxSettings(Path outbox, boolean enabledOutsideDevMode) {

    public DevOutboxSettings {
        if (outbox == null) {
            outbox = defaultOutbox(System.getProperty("kc.home.dir"));
        }
    }

    public static DevOutboxSettings from(Config.Scope config) {
        String outbox = GatewayOptions.string(config, "outbox");
        boolean enabled = GatewayOptions.bool(config, DevOutboxGateway.PROVIDER_ID, "enabled-outside-dev-mode", false);
        return new DevOutboxSettings(outbox == null ? null : Path.of(outbox), enabled);
    }

    /** {@code <kc.home.dir>/data/mfa-outbox.jsonl}, next to Keycloak's own dev data; {@code ./data/...} without a home. */
    static Path defaultOutbox(String keycloakHome) {
        Path home = keycloakHome == null || keycloakHome.isBlank() ? Path.of(".") : Path.of(keycloakHome);
        return home.resolve("data").resolve("mfa-outbox.jsonl");
    }
}
