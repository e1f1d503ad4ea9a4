package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak distribution started with {@code kc.sh start --optimized} (production mode) from its own home
 * directory, with its own HTTP, management and cluster-transport ports on loopback; its console goes to
 * {@code <home>/node.log}.
 */
final class KeycloakNode implements Endpoint {

    private static final Pattern VIEW = Pattern.compile("cluster view for channel ISPN: \\[[^\\]]*\\] \\((\\d+)\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path home;
    private final int httpPort = Ports.free();
    private final int managementPort = Ports.free();
    private final int clusterPort = Ports.freeClusterPort();
    private List<String> command;
    private Map<String, String> environment;
    private Process process;
    /** The Keycloak JVM(s) kc.sh started, noted once ready: they outlive kc.sh if it is killed alone. */
    private List<ProcessHandle> jvms = List.of();

    KeycloakNode(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    String name() {
        return name;
    }

    Path home() {
        return home;
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return home.resolve("node.log");
    }

    /** Starts {@code kc.sh start --optimized} with the cluster's options and this node's ports. */
    void start(List<String> options, Map<String, String> env) throws IOException {
        command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--hostname-strict=false",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPort));
        command.addAll(options);
        environment = env;
        launch();
    }

    /** Starts the same command again (after {@link #kill()}). */
    void restart() throws IOException {
        launch();
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits until {@code /health/ready} answers 200 on the management port. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    jvms = process.descendants().toList();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout + ", see " + log());
            }
            Thread.sleep(250);
        }
    }

    /** Members of the newest Infinispan cluster view this node logged; 0 before the first. */
    int clusterSize() throws IOException {
        Matcher matcher = VIEW.matcher(Files.readString(log()));
        int size = 0;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }

    void awaitClusterSize(int size, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clusterSize() != size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " sees a cluster of " + clusterSize() + ", not " + size
                        + ", see " + log());
            }
            Thread.sleep(250);
        }
    }

    /**
     * {@code kill -9} of the Keycloak JVM (kc.sh runs it as its child), then of kc.sh: no shutdown hook runs,
     * nothing is handed over.
     */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(jvms);
        all.addAll(process.descendants().toList());
        for (ProcessHandle jvm : all) {
            jvm.destroyForcibly();
            jvm.onExit().join();
        }
        process.destroyForcibly();
        process.waitFor();
    }

    /** Whether kc.sh or the Keycloak JVM it started still runs. */
    boolean alive() {
        return process != null && (process.isAlive() || jvms.stream().anyMatch(ProcessHandle::isAlive)
                || process.descendants().anyMatch(ProcessHandle::isAlive));
    }

    /** Graceful stop (SIGTERM, which kc.sh forwards to the JVM), then forcibly after 30 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
        kill();
    }
}
