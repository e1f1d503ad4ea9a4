package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The documented Dovecot set-up (docs: "A mail server that checks passwords against Keycloak"), run for real:
 * Debian's Dovecot 2.3 ({@code apt-get install dovecot-imapd}) as a plain foreground process in a temp base_dir on
 * a free port (no systemd), with the documented passdb and oauth2 file word for word — only the Keycloak address,
 * the file's path and the mail user's uid/home are this machine's. A mail app logs in over IMAP with an app password;
 * the real password of a user the "staff need mfa" policy covers is refused.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class DovecotImapTest extends DemoRealmTest {

    static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

    /** dovecot.conf as documented: the mechanisms, the oauth2 passdb, a static userdb. */
    static final String DOCUMENTED_CONF = """
            auth_mechanisms = plain login
            passdb {
              driver = oauth2
              mechanisms = plain login
              args = /etc/dovecot/dovecot-oauth2.plain.conf.ext
            }
            userdb {
              driver = static
              args = uid=vmail gid=vmail home=/var/vmail/%u
            }
            """;

    /** /etc/dovecot/dovecot-oauth2.plain.conf.ext as documented. */
    static final String DOCUMENTED_OAUTH2 = """
            grant_url = https://sso.example.org/realms/demo/protocol/openid-connect/token
            use_grant_password = yes
            client_id = mail-server
            client_secret = mail-server-demo-secret
            introspection_mode = post
            introspection_url = https://mail-server:mail-server-demo-secret@sso.example.org/realms/demo/protocol/openid-connect/token/introspect
            username_attribute = preferred_username
            active_attribute = active
            active_value = true
            tls_ca_cert_file = /etc/ssl/certs/ca-certificates.crt
            """;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private Process dovecot;
    private Path dir;

    @BeforeAll
    static void needsDovecot() {
        Assumptions.assumeTrue(Files.isExecutable(DOVECOT), "DovecotImapTest needs " + DOVECOT
                + " (Debian: apt-get install dovecot-imapd; .ci/run installs it); skipped");
    }

    @AfterEach
    void stopDovecot() throws InterruptedException {
        if (dovecot != null) {
            dovecot.destroy();
            dovecot.waitFor();
        }
    }

    @Test
    public void anAppPasswordLogsInOverImapAndTheRealPasswordOfAStaffMemberIsRefused() throws Exception {
        String user = DemoUsers.uniqueName("imap");
        String userId = DemoUsers.create(realm, user, List.of("mfa-app-password-create"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        AppPasswordPage page = new AppPasswordPage(driver);
        page.assertCurrent();
        page.create("Thunderbird", null, null);
        String appPassword = page.shownPassword();
        page.done();
        // now a member of /staff: "staff need mfa" covers them, their password alone is not enough any more
        GroupRepresentation staff = realm.admin().groups().groups("staff", 0, 1).get(0);
        realm.admin().users().get(userId).joinGroup(staff.getId());

        int port = start();
        assertEquals("OK", imapLogin(port, user, appPassword), log());
        assertEquals("NO", imapLogin(port, user, DemoUsers.PASSWORD), log());
        // all Dovecot 2.3.19 says of it (the documentation quotes this line): not Keycloak's error_description
        assertTrue(log().contains("oauth2 failed: Password grant failed: invalid_grant"), log());
    }

    /** Writes the documented files (this machine's addresses) and starts Dovecot; returns its IMAP port. */
    private int start() throws IOException, InterruptedException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "dovecot",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
        String keycloak = urls.getBase().replaceAll("/+$", "");
        String host = keycloak.replaceFirst("^https?://", "");
        Path oauth2 = dir.resolve("dovecot-oauth2.plain.conf.ext");
        Files.writeString(oauth2, DOCUMENTED_OAUTH2
                .replace("https://mail-server:mail-server-demo-secret@sso.example.org", "http://mail-server:mail-server-demo-secret@" + host)
                .replace("https://sso.example.org", keycloak));
        boolean root = "root".equals(System.getProperty("user.name"));
        String uid = root ? "nobody" : System.getProperty("user.name");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String local = "base_dir = " + dir.resolve("run") + "\n"
                + "log_path = " + dir.resolve("dovecot.log") + "\n"
                + "protocols = imap\nlisten = 127.0.0.1\nssl = no\nauth_verbose = yes\n"
                + "mail_location = maildir:" + mail + "/%u\n"
                // not root: Dovecot runs every process as this user (no privilege drop, no chroot)
                + (root ? "" : "default_internal_user = " + uid + "\ndefault_login_user = " + uid + "\n"
                        + "service auth {\n  user = " + uid + "\n}\n")
                + "service imap-login {\n" + (root ? "" : "  chroot =\n")
                + "  inet_listener imap {\n    port = " + port + "\n  }\n"
                + "  inet_listener imaps {\n    port = 0\n  }\n}\n";
        String documented = DOCUMENTED_CONF
                .replace("/etc/dovecot/dovecot-oauth2.plain.conf.ext", oauth2.toString())
                .replace("uid=vmail gid=vmail home=/var/vmail/%u", "uid=" + uid + " gid=" + (root ? "nogroup" : uid)
                        + " home=" + mail + "/%u");
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, local + documented);
        dovecot = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                if (!dovecot.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Dovecot did not start: " + Files.readString(dir.resolve("stdout.log")) + log());
    }

    /** IMAP LOGIN as a mail app sends it; returns the tagged answer's status (OK, NO, BAD). */
    private static String imapLogin(int port, String username, String password) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String greeting = in.readLine();
            assertTrue(greeting.startsWith("* OK"), greeting);
            out.write(("a LOGIN " + quoted(username) + " " + quoted(password) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("a ")) {
                    out.write("b LOGOUT\r\n".getBytes(StandardCharsets.UTF_8));
                    return line.split(" ")[1];
                }
            }
            return "closed";
        }
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String log() {
        try {
            Path log = dir.resolve("dovecot.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
