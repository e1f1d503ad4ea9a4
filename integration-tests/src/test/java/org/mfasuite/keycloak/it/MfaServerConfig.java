package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * One Keycloak for every test class: the drop-in jar in providers/, the dev outbox in target/, and the
 * Twilio and HTTP gateways pointed at the local peer that wire-format tests run.
 */
public class MfaServerConfig implements KeycloakServerConfig {

    /**
     * The local peer's port: free when this class loads, which is before Keycloak's options are built, and
     * picked once per test JVM, so a job holding a fixed port elsewhere on the machine cannot break the tests.
     * Nothing listens on it until a test opens a {@link LocalPeer}.
     */
    public static final int PEER_PORT = freePort();
    public static final String TWILIO_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_TOKEN = "twilio-test-token";
    /** This node's name as Keycloak 26.7 takes it: the sign-in log's {@code node} column (event detail {@code mfa_node}). */
    public static final String NODE_NAME = "mfa-it-node";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        String peer = "http://127.0.0.1:" + PEER_PORT;
        if (CompatDistribution.active()) {
            CompatDistribution.prepare();
        }
        return config
                // the Twilio token comes from Keycloak's file vault, as operators should keep it
                .option("vault", "file")
                .option("vault-dir", vaultDir().toString())
                .dependency("org.mfasuite", "keycloak-mfa-suite")
                // as in production: dev mode would parse every template on every page (and skew the benchmarks)
                .option("spi-theme--cache-themes", "true")
                .option("spi-theme--cache-templates", "true")
                // client addresses from X-Forwarded-For, as behind a proxy: policies' networks are tested that way
                .option("proxy-headers", "xforwarded")
                // the operators' counters (mfa-metrics) on the management port's /metrics
                .option("metrics-enabled", "true")
                .option("spi-cache-embedded--default--node-name", NODE_NAME)
                .option("spi-mfa-message-gateway--provider-default", "dev")
                .spiOption("mfa-message-gateway", "dev", "outbox", Outbox.path().toString())
                .spiOption("mfa-message-gateway", "twilio", "account-sid", TWILIO_SID)
                .spiOption("mfa-message-gateway", "twilio", "auth-token", "$${vault.twilio_token}")
                .spiOption("mfa-message-gateway", "twilio", "from", "+15005550006")
                .spiOption("mfa-message-gateway", "twilio", "base-url", peer + "/twilio")
                .spiOption("mfa-message-gateway", "twilio", "timeout-ms", "2000")
                .spiOption("mfa-message-gateway", "http", "url", peer + "/sms")
                .spiOption("mfa-message-gateway", "http", "auth-header-name", "X-Api-Key")
                .spiOption("mfa-message-gateway", "http", "auth-header-value", "webhook-key")
                .spiOption("mfa-message-gateway", "http", "message-id-pointer", "/id")
                .spiOption("mfa-message-gateway", "http", "timeout-ms", "2000");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file vault holding the Twilio token for realm {@code demo} ({@code <realm>_<key>}, "_" doubled). */
    private static Path vaultDir() {
        Path dir = Path.of(System.getProperty("mfa.outbox", "target/mfa-outbox.jsonl")).toAbsolutePath().getParent()
                .resolve("test-vault");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("demo_twilio__token"), TWILIO_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
