package org.mfasuite.keycloak.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfasuite.keycloak.cluster.Browser.Page.fields;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.mfasuite.keycloak.cluster.Browser.Page;
import org.mfasuite.keycloak.it.LocalPeer;
import org.mfasuite.keycloak.it.MfaServerConfig;
import org.mfasuite.keycloak.it.PushDeviceSimulator;

/**
 * The suite on a real two-node cluster (PostgreSQL, {@code --cache=ispn}, JDBC-PING): a browser routed between
 * the nodes without stickiness signs in as if there were one server. Node A is killed in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSignInTest {

    private static Cluster cluster;
    private static Keycloak admin;
    private static ClusterRealm realm;
    private static KeycloakNode a;
    private static KeycloakNode b;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start();
        a = cluster.a();
        b = cluster.b();
        admin = cluster.admin(b);
        realm = new ClusterRealm(admin.realm("demo"), cluster.outbox());
        realm.addBrowserClient();
        // no wait between sends, so the send limit (5 per 5 minutes) is reached by five quick sends
        realm.setPhoneRules(Map.of("resend-delay", "0"));
        realm.allowFastTyping();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aCodeSentWhileNodeAServesTheSignInIsAcceptedOnNodeB() {
        ClusterRealm.User user = realm.userWithPhone("ann", false);
        Browser browser = new Browser();
        Page sms = password(browser, a, user);
        assertEquals(1, realm.sent(user), "node A sent one code");

        Page done = browser.submit(sms, "mfa-sms-form", b, code(realm.lastCode(user)));

        assertTrue(done.signedIn(), "node B accepts node A's code: " + done.status() + " " + done.location());
        assertEquals("valid", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_result"));
    }

    @Test
    @Order(2)
    void wrongCodesOnBothNodesUseTheCodeUpAfterMaxAttemptsInTotal() {
        ClusterRealm.User user = realm.userWithPhone("wrong", false);
        Browser browser = new Browser();
        Page page = password(browser, a, user);
        String right = realm.lastCode(user);
        String wrong = right.equals("111111") ? "222222" : "111111";

        page = browser.submit(page, "mfa-sms-form", a, code(wrong));
        assertTrue(page.body().contains("2 more tries"), "A: " + page.text("input-error-code"));
        page = browser.submit(page, "mfa-sms-form", b, code(wrong));
        assertTrue(page.body().contains("1 more try"), "B counts A's try: " + page.text("input-error-code"));
        page = browser.submit(page, "mfa-sms-form", a, code(wrong));
        assertTrue(page.body().contains("Too many wrong tries for this code"), "3 tries in total (max-attempts 3): "
                + page.body());
        assertFalse(page.body().contains("name=\"code\""), "no code field for a used-up code");

        Page late = browser.submit(page, "mfa-sms-form", b, code(right));
        assertFalse(late.signedIn(), "the right code no longer counts, on any node");
        List<String> results = realm.events(user, "LOGIN_ERROR").stream()
                .map(e -> e.getDetails().get("mfa_result")).toList();
        assertEquals(List.of("exhausted", "wrong", "wrong", "wrong"), results, "newest first");
    }

    @Test
    @Order(3)
    void sendsFromBothNodesCountTowardsOneSendLimit() {
        ClusterRealm.User user = realm.userWithPhone("sends", false);
        Browser browser = new Browser();
        Page page = password(browser, a, user);
        KeycloakNode[] route = {b, a, b, a};
        for (KeycloakNode node : route) {
            page = browser.submit(page, "mfa-sms-form", node, fields("mfa-action", "send"));
        }
        assertEquals(5, realm.sent(user), "five codes, from both nodes");

        Page refused = browser.submit(page, "mfa-sms-form", b, fields("mfa-action", "send"));
        assertEquals(5, realm.sent(user), "the sixth is refused: send-limit 5 counts both nodes' sends");
        assertTrue(refused.body().contains("several codes in a short time"), refused.body());
        assertEquals("mfa_send_limit", realm.lastEvent(user, "CUSTOM_REQUIRED_ACTION_ERROR").getError());

        Page done = browser.submit(refused, "mfa-sms-form", a, code(realm.lastCode(user)));
        assertTrue(done.signedIn(), "the last code sent still works");
    }

    @Test
    @Order(4)
    void aCodeUsedOnOneNodeFailsWhenReplayedOnTheOther() throws Exception {
        ClusterRealm.User user = realm.userWithPhone("replay", false);
        Browser browser = new Browser();
        Page sms = password(browser, a, user);
        String action = sms.formAction("mfa-sms-form");
        Map<String, String> form = code(realm.lastCode(user));

        assertTrue(browser.post(Browser.on(a, action), form).signedIn());
        assertFalse(browser.post(Browser.on(b, action), form).signedIn(), "replayed on B");

        // the same code posted to both nodes at once signs in once
        ClusterRealm.User racer = realm.userWithPhone("race", false);
        Browser raceBrowser = new Browser();
        Page raceSms = password(raceBrowser, b, racer);
        String raceAction = raceSms.formAction("mfa-sms-form");
        Map<String, String> raceForm = code(realm.lastCode(racer));
        CompletableFuture<Page> onA = CompletableFuture.supplyAsync(
                () -> raceBrowser.post(Browser.on(a, raceAction), raceForm));
        CompletableFuture<Page> onB = CompletableFuture.supplyAsync(
                () -> raceBrowser.post(Browser.on(b, raceAction), raceForm));
        int signedIn = (onA.get().signedIn() ? 1 : 0) + (onB.get().signedIn() ? 1 : 0);
        assertEquals(1, signedIn, "exactly one of two parallel submits of one code signs in");
    }

    @Test
    @Order(5)
    void aBlockedClientIsRefusedOnBothNodes() {
        ClusterRealm.User user = realm.userWithPhone("blocked", false);
        for (KeycloakNode node : List.of(a, b)) {
            Browser browser = new Browser();
            Page login = browser.startSignIn(node, "legacy-reports");
            Page refused = browser.submit(login, "kc-form-login", node,
                    fields("username", user.name(), "password", ClusterRealm.PASSWORD));
            assertTrue(refused.hasForm("mfa-access-denied") || refused.body().contains("id=\"mfa-access-denied\""),
                    node.name() + " refuses: " + refused.body());
            assertEquals(0, realm.sent(user), "no code for a blocked client");
            assertEquals(400, realm.passwordGrant(node, "legacy-reports", user).statusCode());
        }
        assertEquals("block", realm.lastEvent(user, "LOGIN_ERROR").getDetails().get("mfa_access"));
    }

    @Test
    @Order(6)
    void theDecisionTakenOnNodeAHoldsOnNodeB() {
        ClusterRealm.User staff = realm.userWithPhone("staff", true);
        Browser browser = new Browser();
        Page sms = password(browser, a, staff);
        assertTrue(sms.hasForm("mfa-sms-form"), "policy 'staff need mfa' asks for a code");

        Page done = browser.submit(sms, "mfa-sms-form", b, code(realm.lastCode(staff)));

        assertTrue(done.signedIn());
        EventRepresentation login = realm.lastEvent(staff, "LOGIN");
        assertEquals("mfa", login.getDetails().get("mfa_access"));
        assertEquals("staff need mfa", login.getDetails().get("mfa_policies"));
    }

    @Test
    @Order(7)
    void aDeviceRememberedViaNodeAIsRecognisedViaNodeB() {
        ClusterRealm.User staff = realm.userWithPhone("remember", true);
        Browser browser = new Browser();
        Page sms = password(browser, a, staff);
        assertTrue(sms.body().contains("id=\"mfa-remember-device\""), "the policy lets staff remember a device");
        Map<String, String> form = code(realm.lastCode(staff));
        form.put("mfa-remember-device", "on");
        assertTrue(browser.submit(sms, "mfa-sms-form", a, form).signedIn());
        assertTrue(browser.hasCookie("MFA_TRUSTED_DEVICE"));

        browser.forgetCookiesExcept("MFA_TRUSTED_DEVICE");
        Page login = browser.startSignIn(b, Browser.CLIENT);
        Page done = browser.submit(login, "kc-form-login", b,
                fields("username", staff.name(), "password", ClusterRealm.PASSWORD));

        assertTrue(done.signedIn(), "node B signs in with the password alone");
        assertEquals(1, realm.sent(staff), "no second code");
        assertEquals("recognised", realm.lastEvent(staff, "LOGIN").getDetails().get("mfa_trusted_device"));
    }

    @Test
    @Order(18)
    void aDatabaseOutageDuringASignInFailsCleanlyOrCompletes() throws Exception {
        ClusterRealm.User staff = realm.userWithPhone("outage", true);
        Browser browser = new Browser();
        Page sms = password(browser, a, staff);
        Map<String, String> form = code(realm.lastCode(staff));
        form.put("mfa-remember-device", "on");

        cluster.database().stop();
        CompletableFuture<Page> submitted = CompletableFuture.supplyAsync(
                () -> browser.submit(sms, "mfa-sms-form", b, form));
        Thread.sleep(3_000);
        cluster.database().start();
        Page answer = submitted.get();

        if (!answer.signedIn()) {
            assertTrue(answer.status() < 500 || answer.body().contains("id=\"kc-error-message\""),
                    "an error page with a message, not a bare " + answer.status() + ": " + answer.body());
        }
        int stale = cluster.awaitDatabaseOnEveryNode();
        long devices = realm.credentials(staff, "mfa-trusted-device");
        assertTrue(devices <= 1, "at most one remembered device");
        assertEquals(devices == 1, browser.hasCookie("MFA_TRUSTED_DEVICE"),
                "a remembered device exists exactly when the browser got its cookie (no half-written credential)");
        assertEquals(1, realm.credentials(staff, "mfa-phone"), "the phone is untouched");

        // once the database is back, a new sign-in works on both nodes
        for (KeycloakNode node : List.of(a, b)) {
            Browser next = new Browser();
            Page again = password(next, node, staff);
            assertTrue(again.signedIn() || next.submit(again, "mfa-sms-form", node,
                    code(realm.lastCode(staff))).signedIn(), node.name());
        }
        System.out.printf("database outage: the sign-in %s (HTTP %d, \"%s\"); %d requests failed on stale "
                + "connections after the restart%n", answer.signedIn() ? "completed" : "failed", answer.status(),
                answer.text("kc-error-message"), stale);
    }

    @Test
    @Order(19)
    void nodeAKilledAfterSendingTheCodeTheSignInCompletesOnNodeB() throws Exception {
        ClusterRealm.User user = realm.userWithPhone("killed", false);
        Browser browser = new Browser();
        Page sms = password(browser, a, user);
        String sentCode = realm.lastCode(user);

        a.kill();
        assertFalse(a.alive(), "node A's JVM is gone");
        long start = System.nanoTime();
        Page done = browser.submit(sms, "mfa-sms-form", b, code(sentCode));
        System.out.printf("node A killed: node B answered the code in %d ms, seeing a cluster of %d%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), b.clusterSize());

        assertTrue(done.signedIn(), "node B completes the sign-in node A started: " + done.body());
        assertEquals(1, realm.sent(user), "one code in all");
        assertEquals("valid", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_result"));
        assertEquals(1, realm.sessions(user), "the user's session lives on without node A");
    }

    @Test
    @Order(10)
    void aGatewayServerErrorFallsBackOnceAndTheCodeWorksOnTheOtherNode() throws Exception {
        Map<String, String> old = realm.setSmsStep(Map.of("gateway", "http", "fallback-gateway", "dev"));
        try (LocalPeer webhook = LocalPeer.answering(503, "{\"error\":\"unavailable\"}")) {
            ClusterRealm.User user = realm.userWithPhone("fallback", false);
            Browser browser = new Browser();
            Page sms = password(browser, a, user);
            assertEquals(1, webhook.requests().size(), "the webhook was tried once");
            assertEquals(1, realm.sent(user), "the dev gateway delivered instead, once");

            Page resent = browser.submit(sms, "mfa-sms-form", b, fields("mfa-action", "send"));
            assertEquals(2, webhook.requests().size(), "node B tries the webhook again for the new code, once");
            assertEquals(2, realm.sent(user), "and falls back once");
            Page done = browser.submit(resent, "mfa-sms-form", a, code(realm.lastCode(user)));
            assertTrue(done.signedIn(), "the fallback's code works on the other node: " + done.body());
        } finally {
            realm.setSmsStep(old);
        }
    }

    @Test
    @Order(11)
    void aHangingGatewayTimesOutOnceThenTheFallbackOrAClearMessage() throws Exception {
        Map<String, String> old = realm.setSmsStep(Map.of("gateway", "http", "fallback-gateway", "none"));
        try (FaultyPeer webhook = FaultyPeer.hanging(MfaServerConfig.PEER_PORT)) {
            ClusterRealm.User user = realm.userWithPhone("hang", false);
            Page page = password(new Browser(), a, user);
            assertEquals(1, webhook.connections(), "one request, never repeated");
            assertEquals(0, realm.sent(user));
            assertTrue(page.body().contains("could not send"), page.body());
            assertTrue(page.body().contains("helpdesk@example.org"), "says whom to contact");
            assertEquals("timeout", realm.lastEvent(user, "CUSTOM_REQUIRED_ACTION_ERROR").getDetails().get("reason"));

            realm.setSmsStep(Map.of("fallback-gateway", "dev"));
            ClusterRealm.User other = realm.userWithPhone("hang-fallback", false);
            Browser browser = new Browser();
            Page sms = password(browser, b, other);
            assertEquals(2, webhook.connections(), "the webhook is tried once for this send too");
            assertEquals(1, realm.sent(other), "the fallback delivered once");
            Page done = browser.submit(sms, "mfa-sms-form", a, code(realm.lastCode(other)));
            assertTrue(done.signedIn(), "the fallback's code works on the other node: " + done.body());
        } finally {
            realm.setSmsStep(old);
        }
    }

    @Test
    @Order(12)
    void aGatewayResettingTheConnectionIsAskedOnceThenTheFallbackOrAClearMessage() throws Exception {
        Map<String, String> old = realm.setSmsStep(Map.of("gateway", "http", "fallback-gateway", "none"));
        try (FaultyPeer webhook = FaultyPeer.resetting(MfaServerConfig.PEER_PORT)) {
            ClusterRealm.User user = realm.userWithPhone("reset", false);
            Page page = password(new Browser(), b, user);
            assertEquals(1, webhook.connections(), "one request, not retried after the reset");
            assertEquals(0, realm.sent(user));
            assertTrue(page.body().contains("could not send"), page.body());
            assertTrue(page.body().contains("helpdesk@example.org"), "says whom to contact");
            assertEquals("io_error", realm.lastEvent(user, "CUSTOM_REQUIRED_ACTION_ERROR").getDetails().get("reason"));

            realm.setSmsStep(Map.of("fallback-gateway", "dev"));
            ClusterRealm.User other = realm.userWithPhone("reset-fallback", false);
            Browser browser = new Browser();
            Page sms = password(browser, a, other);
            assertEquals(2, webhook.connections(), "the webhook is tried once for this send too");
            assertEquals(1, realm.sent(other), "the fallback delivered once");
            Page resent = browser.submit(sms, "mfa-sms-form", b, fields("mfa-action", "send"));
            assertEquals(3, webhook.connections(), "node B asks the webhook once for the new code");
            assertEquals(2, realm.sent(other), "and falls back once");
            Page done = browser.submit(resent, "mfa-sms-form", a, code(realm.lastCode(other)));
            assertTrue(done.signedIn(), "the fallback's code works on the other node: " + done.body());
        } finally {
            realm.setSmsStep(old);
        }
    }

    /** Starts a sign-in on {@code node} and posts the password there: the SMS page, or the signed-in redirect. */
    @Test
    @Order(13)
    void aPushAnswerGivenThroughNodeBSignsInTheBrowserServedByNodeA() {
        ClusterRealm.User user = realm.userWithRequiredAction("pia", "mfa-push-enroll");
        Browser browser = new Browser();
        Page login = browser.startSignIn(a, Browser.CLIENT);
        Page enrol = browser.submit(login, "kc-form-login", a, fields("username", user.name(), "password", ClusterRealm.PASSWORD));
        if (enrol.status() == 302) {
            // Keycloak redirects to the required action's page
            enrol = browser.get(Browser.on(a, enrol.location()));
        }
        Matcher link = Pattern.compile("id=\"mfa-push-enroll-link\" href=\"([^\"]+)\"").matcher(enrol.body());
        assertTrue(link.find(), "enrolment page on A: " + enrol.body());
        PushDeviceSimulator device = new PushDeviceSimulator();
        assertEquals(201, device.enrol(link.group(1), "Cluster phone").status(), "enrolled through A");
        assertTrue(browser.submit(enrol, "mfa-push-enroll-form", b, fields("mfa-action", "continue")).signedIn(),
                "node B sees the enrolment made through A");

        Browser next = new Browser();
        Page push = next.submit(next.startSignIn(a, Browser.CLIENT), "kc-form-login", a,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD));
        String number = push.text("mfa-push-number");
        assertNotNull(number, "push page on A: " + push.body());
        device.useServer(b.baseUrl(), "demo");
        PushDeviceSimulator.Pending pending = device.pending().get(0);
        assertEquals("approved", device.answer(pending.id(), "approve", Integer.valueOf(number)).body().get("result"),
                "answered through B");
        // the wait answers only the browser tab that owns the request: its cookies and its tab id
        Matcher tab = Pattern.compile("tab_id=([A-Za-z0-9_-]+)").matcher(push.body());
        assertTrue(tab.find(), "push page on A names its tab: " + push.body());
        assertTrue(next.get(a.baseUrl() + "/realms/demo/mfa-push/wait/" + pending.id() + "?tab_id=" + tab.group(1))
                .body().contains("\"done\""), "A's wait sees B's answer");
        assertTrue(next.submit(push, "mfa-push-form", a, fields("mfa-action", "continue")).signedIn(),
                "the browser on A signs in");
        assertEquals("approved", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_result"));
    }

    /** The token pool is a table in the shared database: imported through A, it is listed and assigned through B. */
    @Test
    @Order(14)
    void aHardwareTokenImportedThroughNodeAIsAssignedThroughNodeB() throws Exception {
        String serial = "CL" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        ClusterRealm.User user = realm.userWithRequiredAction("token", "VERIFY_EMAIL");
        try (Keycloak adminA = cluster.admin(a)) {
            HttpResponse<String> imported = call(a, adminA, "", "text/csv",
                    "upn,serial number,secret key,time interval,manufacturer,model\n," + serial
                            + ",GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,30,Contoso,HardwareKey\n");
            assertEquals(200, imported.statusCode(), imported.body());
        }
        assertTrue(call(b, admin, "?status=pool", null, null).body().contains("\"" + serial + "\""), "B lists A's import");
        HttpResponse<String> assigned = call(b, admin, "/" + serial + "/assign", "application/json",
                "{\"user\":\"" + user.name() + "\"}");
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertEquals(1, realm.credentials(user, "otp"), "the token is the user's OTP credential");
    }

    /** A one-time temporary access pass is used up cluster-wide: used through node A, refused through node B. */
    @Test
    @Order(16)
    void aOneTimePassUsedViaNodeAIsRefusedViaNodeB() throws Exception {
        ClusterRealm.User user = realm.userWithPhone("pass", true);
        String pass;
        try (Keycloak adminA = cluster.admin(a)) {
            HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(a.baseUrl() + "/admin/realms/demo/mfa/users/" + user.id() + "/temporary-pass"))
                    .header("Authorization", "Bearer " + adminA.tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"oneTime\": true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, issued.statusCode(), issued.body());
            pass = issued.body().replaceAll(".*\"pass\":\"([^\"]+)\".*", "$1");
        }
        Browser first = new Browser();
        Page login = first.startSignIn(a, Browser.CLIENT);
        Page done = first.submit(login, "kc-form-login", a, fields("username", user.name(), "password", pass));
        assertTrue(done.signedIn(), "node A: the pass stands for password and code: " + done.status() + " " + done.body());
        assertEquals("temporary-pass", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_method"));

        Browser second = new Browser();
        Page again = second.startSignIn(b, Browser.CLIENT);
        Page refused = second.submit(again, "kc-form-login", b, fields("username", user.name(), "password", pass));
        assertFalse(refused.signedIn(), "node B refuses the pass node A used");
        assertTrue(refused.body().contains("already used"), refused.body());
    }

    /** A fraud report made through node A (its "Not you?" link) disables the user on node B and ends B's session. */
    @Test
    @Order(15)
    void aFraudReportMadeThroughNodeADisablesTheUserOnNodeB() throws Exception {
        assertEquals(200, fraudSettings(b, "disable").statusCode(), "settings saved through B");
        try {
            ClusterRealm.User user = realm.userWithPhone("fraud", false);
            Browser own = new Browser();
            Page sms = password(own, b, user);
            assertTrue(own.submit(sms, "mfa-sms-form", b, code(realm.lastCode(user))).signedIn(), "the user's own session, on B");
            assertEquals(1, admin.realm("demo").users().get(user.id()).getUserSessions().size());

            password(new Browser(), a, user); // someone else's sign-in, served by A: its text links to A
            List<com.fasterxml.jackson.databind.JsonNode> texts = org.mfasuite.keycloak.it.Outbox.messagesTo(cluster.outbox(), user.phone());
            String link = org.mfasuite.keycloak.it.Outbox.reportLinkIn(texts.get(texts.size() - 1).path("text").asText());
            assertNotNull(link, "the text carries the report link");
            HttpResponse<String> reported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(a.baseUrl() + link.substring(link.indexOf("/realms/"))))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reported.statusCode(), reported.body());

            assertFalse(admin.realm("demo").users().get(user.id()).toRepresentation().isEnabled(), "B sees the account disabled");
            assertEquals(0, admin.realm("demo").users().get(user.id()).getUserSessions().size(), "B's session ended");
            Browser again = new Browser();
            Page refused = again.submit(again.startSignIn(b, Browser.CLIENT), "kc-form-login", b,
                    fields("username", user.name(), "password", ClusterRealm.PASSWORD));
            assertFalse(refused.signedIn() || refused.hasForm("mfa-sms-form"), "B refuses the password: " + refused.body());
            assertEquals("mfa_fraud_report", realm.lastEvent(user, "CUSTOM_REQUIRED_ACTION_ERROR").getError());
        } finally {
            fraudSettings(b, "sign-out");
        }
    }

    /**
     * Sign-in risk across nodes: the device a user signed in from through node A is familiar to node B (the history
     * table), and a new browser on B is an unfamiliar device, so a {@code sign-in-risk=low} policy demands a second factor (the user
     * has none: refused, as risk policies never let one be registered in the sign-in).
     */
    @Test
    @Order(16)
    void aDeviceSignedInFromViaNodeAIsFamiliarToNodeB() {
        var flows = admin.realm("demo").flows();
        String configId = flows.getExecutions("browser with mfa").stream()
                .map(org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .filter(id -> id != null && "report only - mfa for everyone".equals(flows.getAuthenticatorConfig(id).getAlias()))
                .findFirst().orElseThrow();
        var config = flows.getAuthenticatorConfig(configId);
        Map<String, String> original = new java.util.HashMap<>(config.getConfig());
        Map<String, String> risky = new java.util.HashMap<>(original);
        risky.putAll(Map.of("state", "on", "sign-in-risk", "low", "include-clients", Browser.CLIENT));
        config.setConfig(risky);
        flows.updateAuthenticatorConfig(configId, config);
        try {
            // nothing set up: only a policy that applies asks for a second factor (a risk policy: the helpdesk page,
            // never a registration in that sign-in)
            ClusterRealm.User user = realm.userWithRequiredAction("risk", "VERIFY_EMAIL");
            realm.setRequiredActions(user);
            Browser browser = new Browser();
            assertTrue(signIn(browser, a, user).signedIn(), "the first sign-in ever has no risk");
            assertTrue(browser.hasCookie("MFA_DEVICE"));
            assertEquals("none", realm.lastEvent(user, "LOGIN").getDetails().get("mfa_risk"));

            browser.forgetCookiesExcept("MFA_DEVICE");
            assertTrue(signIn(browser, b, user).signedIn(), "node B knows the device node A recorded");

            Browser other = new Browser();
            Page asked = signIn(other, b, user);
            assertFalse(asked.signedIn(), "a new browser is an unfamiliar device: low risk, a second factor");
            Page shown = asked.location() == null ? asked : other.get(Browser.on(b, asked.location()));
            assertTrue(shown.body().contains("login-mfa-access-denied"), asked.status() + " " + asked.location() + " "
                    + shown.body());
        } finally {
            var restore = flows.getAuthenticatorConfig(configId);
            restore.setConfig(original);
            flows.updateAuthenticatorConfig(configId, restore);
        }
    }

    private static HttpResponse<String> fraudSettings(KeycloakNode node, String block) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/admin/realms/demo/mfa/fraud-settings"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"block-user\":\"" + block + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(KeycloakNode node, Keycloak client, String tail, String type, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/admin/realms/demo/mfa/oath-tokens" + tail))
                .header("Authorization", "Bearer " + client.tokenManager().getAccessTokenString());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Page password(Browser browser, KeycloakNode node, ClusterRealm.User user) {
        Page login = browser.startSignIn(node, Browser.CLIENT);
        Page next = browser.submit(login, "kc-form-login", node,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD));
        assertNotNull(next);
        assertTrue(next.signedIn() || next.hasForm("mfa-sms-form"), "SMS page on " + node.name() + ": "
                + next.status() + " " + next.body());
        return next;
    }

    private static Page signIn(Browser browser, KeycloakNode node, ClusterRealm.User user) {
        return browser.submit(browser.startSignIn(node, Browser.CLIENT), "kc-form-login", node,
                fields("username", user.name(), "password", ClusterRealm.PASSWORD));
    }

    private static Map<String, String> code(String code) {
        return fields("code", code, "mfa-action", "verify");
    }
}
