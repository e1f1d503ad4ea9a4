package org.mfasuite.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.cluster.Browser.Page.fields;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.mfasuite.keycloak.cluster.Browser.Page;

/**
 * {@code docker/compose.yaml} as shipped, through {@code docker-compose}: PostgreSQL, two Keycloak nodes of the
 * {@code docker/Dockerfile} image, the nginx load balancer and the gateway sink. A user signs in through the load
 * balancer with the code the sink printed; one node is stopped between the code being sent and being typed, and
 * the sign-in still completes on the other. Needs an engine and {@code docker-compose}: without them the class is
 * skipped and says so in the build output.
 */
class ComposeClusterTest {

    static final String SKIPPED = "ComposeClusterTest SKIPPED: %s. It brings up docker/compose.yaml (PostgreSQL, two"
            + " Keycloak nodes, nginx, the gateway sink) and signs in through it; run it where Docker and docker-compose"
            + " run: ./mvnw verify -pl integration-tests -am -Dtest=ComposeClusterTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false";
    private static final String PROJECT = "mfa-compose-test";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4,10})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String dockerCompose;
    private static String missing;
    private static Path root;
    private static Path log;
    private static int port;
    private static boolean up;
    private static Keycloak admin;

    @BeforeAll
    static void start() throws Exception {
        dockerCompose = executable("docker-compose");
        missing = !DockerEngine.available() ? "no Docker engine (Testcontainers found none)"
                : dockerCompose == null ? "no docker-compose on the PATH" : null;
        if (missing != null) {
            // printed as well: Surefire counts the skip but does not show an assumption's message
            System.out.println("[WARNING] " + SKIPPED.formatted(missing));
            return;
        }
        root = Path.of(System.getProperty("mfa.dockerfile", "../docker/Dockerfile")).toAbsolutePath().getParent()
                .getParent().normalize();
        Path jar = root.resolve("authenticators/target/keycloak-mfa-suite.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("compose.yaml builds the image from " + jar
                    + ": run this test through Maven with -am (./mvnw verify -pl integration-tests -am ...)");
        }
        DockerEngine.requireImages("postgres:17", "nginx:1.27-alpine", "python:3-slim",
                "quay.io/keycloak/keycloak:" + System.getProperty("mfa.keycloak.version"));
        log = Path.of(System.getProperty("mfa.cluster.dir", "target/cluster")).resolveSibling("compose")
                .resolve("compose.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        compose(Duration.ofMinutes(2), "down", "-v", "--remove-orphans"); // what an aborted run left
        up = true;
        // returns once both nodes report healthy (the load balancer depends on that)
        compose(Duration.ofMinutes(15), "up", "--build", "-d");
        admin = Keycloak.getInstance(lb().baseUrl(), "master", "admin", "admin", "admin-cli");
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (up) {
            try {
                compose(Duration.ofMinutes(2), "logs", "--no-color", "--tail=300"); // into compose.log
            } finally {
                compose(Duration.ofMinutes(3), "down", "-v");
            }
        }
    }

    @BeforeEach
    void needsDockerAndCompose() {
        Assumptions.assumeTrue(missing == null, () -> SKIPPED.formatted(missing));
    }

    @Test
    void aSignInThroughTheLoadBalancerCompletesWhenANodeStops() throws Exception {
        ClusterRealm realm = new ClusterRealm(admin.realm("demo"), null);
        realm.addBrowserClient();
        ClusterRealm.User user = realm.userWithPhone("compose", false);
        Endpoint lb = lb();

        Browser browser = new Browser();
        Page login = browser.startSignIn(lb, Browser.CLIENT);
        Page sms = browser.submit(login, "kc-form-login", lb,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD));
        assertTrue(sms.hasForm("mfa-sms-form"), "the SMS page: " + sms.status() + " " + sms.body());
        List<String> codes = codesFromTheSink(user);
        assertEquals(1, codes.size(), "one code printed by the sink");

        compose(Duration.ofMinutes(3), "stop", "keycloak-1");
        Page done = browser.submit(sms, "mfa-sms-form", lb, fields("code", codes.get(0), "mfa-action", "verify"));

        assertTrue(done.signedIn(), "signed in on the remaining node: " + done.status() + " " + done.body());
        assertEquals("valid", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_result"));
    }

    private static Endpoint lb() {
        return () -> "http://127.0.0.1:" + port;
    }

    /** The codes in the messages to the user's phone that the sink printed ("/send {json}"), oldest first. */
    private static List<String> codesFromTheSink(ClusterRealm.User user) throws Exception {
        List<String> codes = new ArrayList<>();
        for (String line : compose(Duration.ofMinutes(1), "logs", "--no-color", "sms-sink").split("\n")) {
            int json = line.indexOf('{');
            if (json < 0 || !line.contains(user.phone())) {
                continue;
            }
            JsonNode message = JSON.readTree(line.substring(json));
            if (user.phone().equals(message.path("to").asText())) {
                Matcher code = CODE.matcher(message.path("text").asText());
                assertTrue(code.find(), "a code in " + message);
                codes.add(code.group(1));
            }
        }
        return codes;
    }

    /** Runs {@code docker-compose -p PROJECT -f docker/compose.yaml args}; its output also goes to compose.log. */
    private static String compose(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dockerCompose, "-p", PROJECT, "-f",
                root.resolve("docker/compose.yaml").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("KEYCLOAK_VERSION", System.getProperty("mfa.keycloak.version"));
        builder.environment().put("MFA_HTTP_PORT", Integer.toString(port));
        Path output = Files.createTempFile(log.getParent(), "compose", ".out");
        Process process = builder.redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(output);
        Files.delete(output);
        Files.writeString(log, "$ " + String.join(" ", command) + "\n" + text, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!ended || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + (ended ? " failed (exit " + process.exitValue()
                    + ")" : " timed out after " + timeout) + "; the output is in " + log + ":\n" + tail(text));
        }
        return text;
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    /** The executable {@code name} on the PATH, or null. */
    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File file = new File(dir, name);
            if (file.isFile() && file.canExecute()) {
                return file.getPath();
            }
        }
        return null;
    }
}
