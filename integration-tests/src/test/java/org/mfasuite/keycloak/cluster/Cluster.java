package org.mfasuite.keycloak.cluster;

import org.mfasuite.keycloak.it.MfaServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.keycloak.admin.client.Keycloak;

/**
 * PostgreSQL and two Keycloak nodes clustered as Keycloak documents for bare metal: {@code --cache=ispn} with the
 * default {@code jdbc-ping} stack, so the nodes find each other through the shared database, transport on
 * loopback. Both start at once with the same options ({@code --import-realm} of the demo realm, the bootstrap
 * admin); both nodes' dev gateways append to one outbox file.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-cluster-1";
    /** Build-time options: {@code kc.sh build} bakes these in; the nodes start {@code --optimized}. */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=ispn", "--health-enabled=true",
            "--spi-mfa-message-gateway--provider-default=dev");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final PostgresServer database;
    private final KeycloakNode a;
    private final KeycloakNode b;
    private final Path outbox;

    private Cluster(PostgresServer database, KeycloakNode a, KeycloakNode b, Path outbox) {
        this.database = database;
        this.a = a;
        this.b = b;
        this.outbox = outbox;
    }

    static Cluster start() throws Exception {
        Path work = Path.of(System.getProperty("mfa.cluster.dir", "target/cluster")).toAbsolutePath();
        Files.createDirectories(work);
        Path outbox = work.resolve("outbox.jsonl");
        Files.deleteIfExists(outbox);
        Path pgLog = work.resolve("postgres.log");
        Files.deleteIfExists(pgLog);
        PostgresServer database = PostgresServer.start(pgLog);
        Path built = Distribution.built(work, BUILD_OPTIONS);
        KeycloakNode a = new KeycloakNode("node-a", Distribution.home(built, work.resolve("node-a")));
        KeycloakNode b = new KeycloakNode("node-b", Distribution.home(built, work.resolve("node-b")));
        for (KeycloakNode node : List.of(a, b)) {
            Path imports = Files.createDirectories(node.home().resolve("data/import"));
            try (InputStream realm = Cluster.class.getClassLoader().getResourceAsStream("demo-realm.json")) {
                Files.copy(realm, imports.resolve("demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> shared = List.of("--import-realm", "--db-url=" + database.jdbcUrl(), "--db-username=postgres",
                "--db-password=postgres", "--db-pool-max-size=20", "--proxy-headers=xforwarded",
                "--spi-mfa-message-gateway--dev--outbox=" + outbox,
                "--spi-mfa-message-gateway--dev--enabled-outside-dev-mode=true",
                // the webhook gateway, for the gateway-fault cases: a local peer the test opens (or not)
                "--spi-mfa-message-gateway--http--url=http://127.0.0.1:" + MfaServerConfig.PEER_PORT + "/sms",
                "--spi-mfa-message-gateway--http--message-id-pointer=/id",
                "--spi-mfa-message-gateway--http--timeout-ms=2000");
        // The same options on both nodes, as in a real deployment: whichever node creates the database first
        // creates the master realm with the bootstrap admin and imports the demo realm; the other skips both.
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Cluster cluster = new Cluster(database, a, b, outbox);
        try {
            a.start(shared, env);
            b.start(shared, env);
            CompletableFuture.allOf(ready(a), ready(b)).join();
            a.awaitClusterSize(2, Duration.ofSeconds(60));
            b.awaitClusterSize(2, Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    KeycloakNode a() {
        return a;
    }

    KeycloakNode b() {
        return b;
    }

    PostgresServer database() {
        return database;
    }

    Path outbox() {
        return outbox;
    }

    /** An admin client talking to {@code node}. */
    Keycloak admin(KeycloakNode node) {
        return Keycloak.getInstance(node.baseUrl(), "master", ADMIN, ADMIN_PASSWORD, "admin-cli");
    }

    /** Restarts a killed node and waits until it is back in a cluster of two. */
    void restart(KeycloakNode node) throws Exception {
        node.restart();
        node.awaitReady(START_TIMEOUT);
        a.awaitClusterSize(2, Duration.ofSeconds(60));
        b.awaitClusterSize(2, Duration.ofSeconds(60));
    }

    /**
     * After a database restart, Keycloak's connection pool still holds the connections the restart closed; each
     * fails one request (HTTP 500) before the pool drops it. Sends admin requests to every node until five in a
     * row succeed, and returns how many failed.
     */
    int awaitDatabaseOnEveryNode() throws InterruptedException {
        int failed = 0;
        for (KeycloakNode node : List.of(a, b)) {
            try (Keycloak client = admin(node)) {
                int inRow = 0;
                for (int i = 0; i < 100 && inRow < 5; i++) {
                    try {
                        client.realm("demo").users().count();
                        inRow++;
                    } catch (RuntimeException stale) {
                        failed++;
                        inRow = 0;
                        Thread.sleep(100);
                    }
                }
                if (inRow < 5) {
                    throw new IllegalStateException(node.name() + " does not reach the database again");
                }
            }
        }
        return failed;
    }

    @Override
    public void close() throws Exception {
        CompletableFuture<Void> stopA = CompletableFuture.runAsync(() -> stop(a));
        CompletableFuture<Void> stopB = CompletableFuture.runAsync(() -> stop(b));
        CompletableFuture.allOf(stopA, stopB).join();
        database.close();
    }

    private static void stop(KeycloakNode node) {
        try {
            node.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@code node} is ready. Two nodes starting at the same moment on an empty database race to
     * create Keycloak's schema (Liquibase's {@code databasechangelog} table is created before Keycloak's database
     * lock is taken), and the loser exits; like a service manager's restart-on-failure, it is started once more.
     */
    private static CompletableFuture<Void> ready(KeycloakNode node) {
        return CompletableFuture.runAsync(() -> {
            try {
                try {
                    node.awaitReady(START_TIMEOUT);
                } catch (IllegalStateException exited) {
                    if (node.alive() || !java.nio.file.Files.readString(node.log()).contains("databasechangelog")) {
                        throw exited;
                    }
                    System.out.println(node.name() + " lost the schema-creation race on the empty database and "
                            + "exited; starting it again");
                    node.restart();
                    node.awaitReady(START_TIMEOUT);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
