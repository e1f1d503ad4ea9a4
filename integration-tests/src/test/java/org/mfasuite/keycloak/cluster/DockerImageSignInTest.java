package org.mfasuite.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.cluster.Browser.Page.fields;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.mfasuite.keycloak.cluster.Browser.Page;
import org.mfasuite.keycloak.gateway.MessageGateway;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image of {@code docker/Dockerfile} (official Keycloak image + the drop-in jar, {@code kc.sh build}) on
 * PostgreSQL, started optimised as in production through Testcontainers-Keycloak, and an SMS sign-in against it.
 * Needs a Docker engine: without one the class is skipped and says so in the build output.
 */
class DockerImageSignInTest {

    static final String SKIPPED = "DockerImageSignInTest SKIPPED: no Docker engine (Testcontainers found none via"
            + " DOCKER_HOST, /var/run/docker.sock or ~/.testcontainers.properties). It builds docker/Dockerfile and"
            + " signs in against the image; run it where Docker runs: ./mvnw verify -pl integration-tests -am"
            + " -Dtest=DockerImageSignInTest -Dsurefire.failIfNoSpecifiedTests=false";
    /** The tag docker/compose.yaml uses as well. */
    private static final String POSTGRES = "postgres:17";
    private static final String OUTBOX = "/opt/keycloak/data/mfa-outbox.jsonl";

    private static boolean docker;
    private static Network network;
    private static GenericContainer<?> postgres;
    private static KeycloakContainer keycloak;
    private static Keycloak admin;

    @BeforeAll
    static void start() throws Exception {
        docker = DockerEngine.available();
        if (!docker) {
            // printed as well: Surefire counts the skip but does not show an assumption's message
            System.out.println("[WARNING] " + SKIPPED);
            return;
        }
        DockerEngine.requireImages(POSTGRES,
                "quay.io/keycloak/keycloak:" + System.getProperty("mfa.keycloak.version"));
        network = Network.newNetwork();
        postgres = new GenericContainer<>(POSTGRES).withNetwork(network).withNetworkAliases("postgres")
                .withEnv(Map.of("POSTGRES_DB", "keycloak", "POSTGRES_USER", "keycloak", "POSTGRES_PASSWORD", "keycloak"))
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
        postgres.start();

        keycloak = new KeycloakContainer(buildImage()).withOptimizedFlag().withNetwork(network)
                .withRealmImportFile("demo-realm.json")
                .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak")
                .withEnv("KC_DB_USERNAME", "keycloak")
                .withEnv("KC_DB_PASSWORD", "keycloak")
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                // the dev gateway writes the codes to a file in the container, which the test copies out
                .withEnv("KC_SPI_MFA_MESSAGE_GATEWAY__DEV__ENABLED_OUTSIDE_DEV_MODE", "true")
                .withEnv("KC_SPI_MFA_MESSAGE_GATEWAY__DEV__OUTBOX", OUTBOX)
                .withStartupTimeout(Duration.ofMinutes(5));
        keycloak.start();
        admin = keycloak.getKeycloakAdminClient();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @BeforeEach
    void needsDocker() {
        Assumptions.assumeTrue(docker, SKIPPED);
    }

    @Test
    void aUserSignsInWithAnSmsCodeAgainstTheImage() throws Exception {
        Path outbox = Files.createTempFile("docker-outbox", ".jsonl");
        ClusterRealm realm = new ClusterRealm(admin.realm("demo"), outbox);
        realm.addBrowserClient();
        ClusterRealm.User user = realm.userWithPhone("docker", false);
        Endpoint server = keycloak::getAuthServerUrl;

        Browser browser = new Browser();
        Page login = browser.startSignIn(server, Browser.CLIENT);
        Page sms = browser.submit(login, "kc-form-login", server,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD));
        assertTrue(sms.hasForm("mfa-sms-form"), "the SMS page: " + sms.status() + " " + sms.body());
        keycloak.copyFileFromContainer(OUTBOX, in -> Files.copy(in, outbox, StandardCopyOption.REPLACE_EXISTING));
        assertEquals(1, realm.sent(user), "one code sent");

        Page done = browser.submit(sms, "mfa-sms-form", server,
                fields("code", realm.lastCode(user), "mfa-action", "verify"));

        assertTrue(done.signedIn(), "signed in: " + done.status() + " " + done.body());
        assertEquals("valid", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_result"));
    }

    /** The image of docker/Dockerfile, built from the same jar the other integration tests deploy. */
    private static String buildImage() throws Exception {
        Path jar = Path.of(MessageGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new IllegalStateException("The image needs the packaged drop-in jar, found " + jar
                    + ": run this test through Maven (./mvnw verify -pl integration-tests -am ...)");
        }
        Path dockerfile = Path.of(System.getProperty("mfa.dockerfile", "../docker/Dockerfile"));
        String version = System.getProperty("mfa.keycloak.version");
        return new ImageFromDockerfile("keycloak-mfa-suite-test", true)
                .withFileFromPath("docker/Dockerfile", dockerfile)
                .withFileFromPath("authenticators/target/keycloak-mfa-suite.jar", jar)
                .withDockerfilePath("docker/Dockerfile")
                .withBuildArg("KEYCLOAK_VERSION", version)
                .get();
    }
}
