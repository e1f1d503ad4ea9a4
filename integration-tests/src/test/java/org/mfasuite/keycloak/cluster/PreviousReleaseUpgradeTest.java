package org.mfasuite.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.cluster.Browser.Page.fields;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.mfasuite.keycloak.cluster.Browser.Page;
import org.mfasuite.keycloak.it.DemoUsers;
import org.mfasuite.keycloak.it.OathCodes;
import org.mfasuite.keycloak.it.PushDeviceSimulator;

/**
 * Upgrading the suite: Keycloak (PostgreSQL, one node) runs the previous release's jar
 * ({@code src/test/resources/previous-release/}, with the demo realm as that release shipped it), users register a
 * phone, an app password, a push device, a remembered device and hardware tokens through that release's own pages
 * and APIs; the node is stopped, this build's jar replaces the old one ({@code kc.sh build}), and on the same
 * database every one of them still signs in.
 */
class PreviousReleaseUpgradeTest {

    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=ispn",
            "--health-enabled=true", "--spi-mfa-message-gateway--provider-default=dev");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String MAIL_SERVER = "mail-server";
    private static final String MAIL_SECRET = "mail-server-demo-secret";
    private static final String TOKEN_CSV = "upn,serial number,secret key,time interval,manufacturer,model\n";
    /** Two RFC 6238-style secrets (20 ASCII bytes): the token assigned before the upgrade, the one left pooled. */
    private static final byte[] ASSIGNED_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POOLED_SECRET = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The last TOTP code each user signed in with. */
    private static final Map<String, String> USED_CODES = new java.util.HashMap<>();

    private static Path work;
    private static PostgresServer database;
    private static KeycloakNode node;
    private static Keycloak admin;
    private static ClusterRealm realm;
    private static Path previousJar;

    // what the previous release wrote
    private static ClusterRealm.User phoneUser;
    private static ClusterRealm.User phoneThenAppUser;
    private static ClusterRealm.User appPasswordUser;
    private static String appPassword;
    private static ClusterRealm.User pushUser;
    private static PushDeviceSimulator device;
    private static ClusterRealm.User rememberedUser;
    private static Browser rememberedBrowser;
    private static ClusterRealm.User tokenUser;
    private static ClusterRealm.User pooledTokenUser;
    private static String pooledSerial;

    @BeforeAll
    static void registerWithThePreviousReleaseThenUpgrade() throws Exception {
        work = Path.of(System.getProperty("mfa.cluster.dir", "target/cluster")).toAbsolutePath()
                .resolveSibling("upgrade");
        Files.createDirectories(work);
        Path outbox = work.resolve("outbox.jsonl");
        Files.deleteIfExists(outbox);
        Path pgLog = work.resolve("postgres.log");
        Files.deleteIfExists(pgLog);
        previousJar = previousRelease("jar");
        database = PostgresServer.start(pgLog);
        Path built = Distribution.built(work, BUILD_OPTIONS, previousJar);
        node = new KeycloakNode("node", Distribution.home(built, work.resolve("node")));
        Path imports = Files.createDirectories(node.home().resolve("data/import"));
        Files.copy(previousRelease("json"), imports.resolve("demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        node.start(List.of("--import-realm", "--db-url=" + database.jdbcUrl(), "--db-username=postgres",
                        "--db-password=postgres", "--proxy-headers=xforwarded",
                        "--spi-mfa-message-gateway--dev--outbox=" + outbox,
                        "--spi-mfa-message-gateway--dev--enabled-outside-dev-mode=true"),
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m",
                        "KC_BOOTSTRAP_ADMIN_USERNAME", Cluster.ADMIN,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", Cluster.ADMIN_PASSWORD));
        node.awaitReady(START_TIMEOUT);
        admin = Keycloak.getInstance(node.baseUrl(), "master", Cluster.ADMIN, Cluster.ADMIN_PASSWORD, "admin-cli");
        realm = new ClusterRealm(admin.realm("demo"), outbox);
        realm.addBrowserClient();
        realm.allowFastTyping();

        registerAPhone();
        phoneThenAppUser = realm.userWithPhone("up-phone-app", false,
                List.of(org.keycloak.testframework.realm.CredentialBuilder.totp(DemoUsers.TOTP_SECRET).build()));
        createAnAppPassword();
        enrolAPushDevice();
        rememberADevice();
        importAndUseHardwareTokens();

        admin.close();
        node.stop();
        Distribution.swapJar(node.home(), Distribution.suiteJar(), BUILD_OPTIONS, work.resolve("upgrade-build.log"));
        node.restart();
        node.awaitReady(START_TIMEOUT);
        admin = Keycloak.getInstance(node.baseUrl(), "master", Cluster.ADMIN, Cluster.ADMIN_PASSWORD, "admin-cli");
        realm = new ClusterRealm(admin.realm("demo"), outbox);
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.stop();
            Files.copy(node.log(), work.resolve("node.log"), StandardCopyOption.REPLACE_EXISTING);
            Distribution.delete(node.home());
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theNodeRunsThisBuildsJarAndEveryStartUpMoveSucceeded() throws Exception {
        assertEquals(Distribution.sha256(Distribution.suiteJar()),
                Distribution.sha256(node.home().resolve("providers/keycloak-mfa-suite.jar")));
        String log = Files.readString(node.log());
        assertFalse(log.contains("Start-up move"), "a start-up move failed, see " + node.log());
        assertEquals(2, count(log, " on JVM (powered by Quarkus"), "two starts on one database, see " + node.log());
    }

    @Test
    void aPhoneRegisteredBeforeTheUpgradeGetsAnSmsCode() {
        Browser browser = new Browser();
        Page sms = password(browser, phoneUser);
        assertTrue(sms.hasForm("mfa-sms-form"), sms.body());
        Page done = browser.submit(sms, "mfa-sms-form", node, code(realm.lastCode(phoneUser)));
        assertTrue(done.signedIn(), done.status() + " " + done.body());
        assertEquals("valid", realm.lastEvent(phoneUser, "LOGIN").getDetails().get("mfa_result"));
        assertEquals(1, realm.credentials(phoneUser, "mfa-phone"));
    }

    /**
     * The phone above the app in the order, as v0.1.0 kept a default chosen on "Choose your default method" (no
     * record): the start-up move mfa-default-method-migration records it, so the sign-in still starts with the text.
     */
    @Test
    void aDefaultChosenBeforeTheUpgradeStaysFirst() throws Exception {
        assertEquals(1, realm.credentials(phoneThenAppUser, "mfa-default-method"), "recorded by the start-up move");
        Page first = password(new Browser(), phoneThenAppUser);
        assertTrue(first.body().contains("data-page-id=\"login-mfa-sms\""), "the text, not the stronger app: " + first.body());
        assertFalse(first.hasForm("kc-otp-login-form"), first.body());
        assertTrue(Files.readString(node.log()).contains("default methods chosen before strongest-first recorded"),
                "the move logs its count");
    }

    @Test
    void anAppPasswordCreatedBeforeTheUpgradeSignsInTheMailServer() {
        HttpResponse<String> grant = mailServer(appPasswordUser, appPassword);
        assertEquals(200, grant.statusCode(), grant.body());
        assertTrue(grant.body().contains("\"access_token\""), grant.body());
        assertEquals("app-password", realm.lastEvent(appPasswordUser, "LOGIN").getDetails().get("mfa_method"));
        assertEquals(400, mailServer(appPasswordUser, "abcd efgh ijkl mnop qrst uvwx yzab").statusCode(),
                "and only that app password");
    }

    @Test
    void aPushDeviceEnrolledBeforeTheUpgradeApprovesASignIn() {
        Browser browser = new Browser();
        Page push = password(browser, pushUser);
        String number = push.text("mfa-push-number");
        assertNotNull(number, "push page: " + push.body());
        List<PushDeviceSimulator.Pending> pending = device.pending();
        assertEquals(1, pending.size(), "the device sees the request");
        assertEquals("approved", device.answer(pending.get(0).id(), "approve", Integer.valueOf(number)).body()
                .get("result"));
        Matcher tab = Pattern.compile("tab_id=([A-Za-z0-9_-]+)").matcher(push.body());
        assertTrue(tab.find(), "push page names its tab: " + push.body());
        assertTrue(browser.get(node.baseUrl() + "/realms/demo/mfa-push/wait/" + pending.get(0).id() + "?tab_id="
                + tab.group(1)).body().contains("\"done\""));
        assertTrue(browser.submit(push, "mfa-push-form", node, fields("mfa-action", "continue")).signedIn());
        assertEquals("approved", realm.lastEvent(pushUser, "LOGIN").getDetails().get("mfa_result"));
    }

    @Test
    void aDeviceRememberedBeforeTheUpgradeSkipsTheSecondFactor() {
        rememberedBrowser.forgetCookiesExcept("MFA_TRUSTED_DEVICE");
        int sent = realm.sent(rememberedUser);
        Page done = password(rememberedBrowser, rememberedUser);
        assertTrue(done.signedIn(), "the password alone: " + done.status() + " " + done.body());
        assertEquals(sent, realm.sent(rememberedUser), "no code sent");
        assertEquals("recognised", realm.lastEvent(rememberedUser, "LOGIN").getDetails().get("mfa_trusted_device"));
    }

    @Test
    void aHardwareTokenAssignedBeforeTheUpgradeSignsInWithItsTotp() throws Exception {
        assertTrue(otpSignIn(tokenUser, ASSIGNED_SECRET), "the token's code on Keycloak's OTP form");
    }

    @Test
    void aTokenPooledBeforeTheUpgradeIsAssignedAfterItAndSignsIn() throws Exception {
        HttpResponse<String> assigned = tokens("/" + pooledSerial + "/assign", "application/json",
                "{\"user\":\"" + pooledTokenUser.name() + "\"}");
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertEquals(1, realm.credentials(pooledTokenUser, "otp"));
        assertTrue(otpSignIn(pooledTokenUser, POOLED_SECRET), "the secret kept in the pool by the old release");
    }

    // --- written by the previous release -------------------------------------------------------------

    /** The phone registration required action: number, code, "added". */
    private static void registerAPhone() {
        ClusterRealm.User user = realm.userWithRequiredAction("up-phone", "mfa-phone-register");
        phoneUser = new ClusterRealm.User(user.name(), user.id(), DemoUsers.uniquePhone());
        Browser browser = new Browser();
        Page page = password(browser, phoneUser);
        page = browser.submit(page, "mfa-phone-register-form", node,
                fields("phoneNumber", phoneUser.phone(), "mfa-action", "send"));
        page = browser.submit(page, "mfa-phone-verify-form", node,
                fields("code", realm.lastCode(phoneUser), "mfa-action", "verify"));
        page = browser.submit(page, "mfa-phone-added-form", node, fields("mfa-action", "continue"));
        assertTrue(follow(browser, page).signedIn(), "phone registered: " + page.body());
        assertEquals(1, realm.credentials(phoneUser, "mfa-phone"));
    }

    /** The app-password required action, after the SMS code (a fresh second factor); the password is shown once. */
    private static void createAnAppPassword() {
        appPasswordUser = realm.userWithPhone("up-apps", false);
        realm.setRequiredActions(appPasswordUser, "mfa-app-password-create");
        Browser browser = new Browser();
        Page page = password(browser, appPasswordUser);
        page = follow(browser, browser.submit(page, "mfa-sms-form", node, code(realm.lastCode(appPasswordUser))));
        page = browser.submit(page, "mfa-app-password-create-form", node,
                fields("mfaName", "Mail before the upgrade", "mfaClient", "", "mfaExpiry", "0",
                        "mfa-action", "create"));
        appPassword = page.text("mfa-app-password-value");
        assertNotNull(appPassword, "created: " + page.body());
        assertTrue(follow(browser, browser.submit(page, "mfa-app-password-created-form", node,
                fields("mfa-action", "done"))).signedIn());
        assertEquals(200, mailServer(appPasswordUser, appPassword).statusCode(), "works before the upgrade");
    }

    /** The push enrolment required action, with the simulated phone app. */
    private static void enrolAPushDevice() {
        pushUser = realm.userWithRequiredAction("up-push", "mfa-push-enroll");
        Browser browser = new Browser();
        Page enrol = password(browser, pushUser);
        Matcher link = Pattern.compile("id=\"mfa-push-enroll-link\" href=\"([^\"]+)\"").matcher(enrol.body());
        assertTrue(link.find(), "enrolment page: " + enrol.body());
        device = new PushDeviceSimulator();
        assertEquals(201, device.enrol(link.group(1), "Phone before the upgrade").status());
        assertTrue(follow(browser, browser.submit(enrol, "mfa-push-enroll-form", node,
                fields("mfa-action", "continue"))).signedIn());
        assertEquals(1, realm.credentials(pushUser, "mfa-push-device"));
    }

    /** A staff member ("staff need mfa" lets staff remember a device) ticks "remember" on the SMS page. */
    private static void rememberADevice() {
        rememberedUser = realm.userWithPhone("up-remember", true);
        rememberedBrowser = new Browser();
        Page sms = password(rememberedBrowser, rememberedUser);
        Map<String, String> form = code(realm.lastCode(rememberedUser));
        form.put("mfa-remember-device", "on");
        assertTrue(rememberedBrowser.submit(sms, "mfa-sms-form", node, form).signedIn());
        assertTrue(rememberedBrowser.hasCookie("MFA_TRUSTED_DEVICE"));
        assertEquals(1, realm.credentials(rememberedUser, "mfa-trusted-device"));
    }

    /** Two tokens imported into the pool: one assigned and used now, one left in the pool for after the upgrade. */
    private static void importAndUseHardwareTokens() throws Exception {
        String serial = "UP" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        pooledSerial = serial + "-2";
        HttpResponse<String> imported = tokens("", "text/csv", TOKEN_CSV
                + "," + serial + "-1," + base32(ASSIGNED_SECRET) + ",30,Contoso,HardwareKey\n"
                + "," + pooledSerial + "," + base32(POOLED_SECRET) + ",30,Contoso,HardwareKey\n");
        assertEquals(200, imported.statusCode(), imported.body());
        tokenUser = realm.userWithRequiredAction("up-token", "VERIFY_EMAIL");
        realm.setRequiredActions(tokenUser);
        HttpResponse<String> assigned = tokens("/" + serial + "-1/assign", "application/json",
                "{\"user\":\"" + tokenUser.name() + "\"}");
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertTrue(otpSignIn(tokenUser, ASSIGNED_SECRET), "used before the upgrade");
        pooledTokenUser = realm.userWithRequiredAction("up-pooled", "VERIFY_EMAIL");
        realm.setRequiredActions(pooledTokenUser);
        assertTrue(tokens("?status=pool", null, null).body().contains("\"" + pooledSerial + "\""), "still pooled");
    }

    // --- helpers -------------------------------------------------------------------------------------

    /**
     * Password, then Keycloak's OTP form with the token's current code (a code Keycloak saw already is refused as
     * a replay: a fast machine could restart within one 30 s step, so that code is waited out).
     */
    private static boolean otpSignIn(ClusterRealm.User user, byte[] secret) throws InterruptedException {
        Browser browser = new Browser();
        Page otp = password(browser, user);
        assertTrue(otp.hasForm("kc-otp-login-form"), "Keycloak's OTP form: " + otp.body());
        String code = OathCodes.totp(secret, "HmacSHA1", 30, 6, 0);
        while (code.equals(USED_CODES.get(user.id()))) {
            Thread.sleep(1_000);
            code = OathCodes.totp(secret, "HmacSHA1", 30, 6, 0);
        }
        USED_CODES.put(user.id(), code);
        return browser.submit(otp, "kc-otp-login-form", node, fields("otp", code, "login", "Sign In")).signedIn();
    }

    /** Starts a browser sign-in and posts the password: the next page, any redirect to a required action followed. */
    private static Page password(Browser browser, ClusterRealm.User user) {
        Page login = browser.startSignIn(node, Browser.CLIENT);
        return follow(browser, browser.submit(login, "kc-form-login", node,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD)));
    }

    /** Follows Keycloak's redirects between its own pages (not the one back to the application). */
    private static Page follow(Browser browser, Page page) {
        for (int i = 0; i < 5 && page.status() == 302 && !page.signedIn(); i++) {
            page = browser.get(Browser.on(node, page.location()));
        }
        return page;
    }

    private static Map<String, String> code(String code) {
        return fields("code", code, "mfa-action", "verify");
    }

    /** The mail server's password grant, from outside the office network, behind TLS. */
    private static HttpResponse<String> mailServer(ClusterRealm.User user, String password) {
        String body = "grant_type=password&client_id=" + MAIL_SERVER + "&client_secret=" + MAIL_SECRET
                + "&username=" + user.name() + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The hardware-token admin API ({@code /admin/realms/demo/mfa/oath-tokens}) as the bootstrap admin. */
    private static HttpResponse<String> tokens(String tail, String type, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/admin/realms/demo/mfa/oath-tokens" + tail))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /**
     * The previous release's file with extension {@code ext} in {@code previous-release/} on the test classpath:
     * its jar (exactly one) and its demo realm.
     */
    private static Path previousRelease(String ext) throws IOException, URISyntaxException {
        URL readme = PreviousReleaseUpgradeTest.class.getClassLoader().getResource("previous-release/README.md");
        if (readme == null) {
            throw new IllegalStateException("previous-release/README.md is not on the test classpath");
        }
        Path dir = Path.of(readme.toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith("." + ext)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one ." + ext + " in " + dir + ", found " + found);
            }
            return found.get(0);
        }
    }
}
