package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.util.JsonSerialization;

/**
 * Sign-in risk against a real Keycloak: the device cookie and the user's history (a new browser is an unfamiliar
 * device), the password-spray counter fed by failed passwords from one forwarded address, the settings REST, and
 * what-if answering by the same rules. The demo's report-only policy is turned into a risk policy per test (the
 * realm cleanup puts it back).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SignInRiskTest extends DemoRealmTest {

    static final String RISK_POLICY = "report only - mfa for everyone";
    static final String MAIL_CLIENT = "risk-mail";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @InjectPage
    AccessDeniedPage deniedPage;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    @InjectTimeOffSet
    TimeOffSet clock;

    /**
     * The whole suite fails passwords for many users from 127.0.0.1 within the hour, which makes loopback a spray
     * source (high risk) for every later sign-in of the realm: each test starts with the threshold out of reach (a
     * count kept below the old threshold stays below it), and the spray tests set their own.
     */
    @BeforeEach
    void noSpraySourceFromEarlierTests() {
        settings(Map.of("spray-users", 1000));
        realm.cleanup().add(r -> settings(Map.of("spray-users", 10)));
    }

    @Test
    public void aLowRiskPolicyAsksOnANewBrowserNotOnTheOneUsedBefore() {
        AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "low"));
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("risky"), List.of(), false);
        String username = realm.admin().users().get(id).toRepresentation().getUsername();

        // the first sign-in ever: no history, so no unfamiliar device or location, no risk
        submitPassword(username, DemoUsers.PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode(), "no risk: the policy does not apply");
        EventRepresentation first = lastEvent(id, "LOGIN");
        assertEquals("none", first.getDetails().get("mfa_risk"), first.getDetails().toString());
        assertFalse(first.getDetails().containsKey("mfa_risk_signals"));

        // the same browser (its MFA_DEVICE cookie) again: familiar
        realm.admin().logoutAll();
        submitPassword(username, DemoUsers.PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode(), "a familiar browser: no risk");

        // a new browser: unfamiliar device = low, so the policy demands a second factor; none is set up, and a
        // policy that covers the sign-in because of its risk never lets one be registered now (whoever holds the
        // password would register their own): refused, the helpdesk's temporary access pass is the way in
        realm.admin().logoutAll();
        oauth.openLoginForm(); // cookies are deleted for the page's site: Keycloak's, where MFA_DEVICE lives
        org.openqa.selenium.Cookie cookie = driver.driver().manage().getCookieNamed("MFA_DEVICE");
        assertNotNull(cookie, "the browser holds a device cookie");
        // as Keycloak's own cookies: SameSite=None (sent on a cross-site POST) where Secure, else Lax
        assertEquals(cookie.isSecure() ? "none" : "lax", String.valueOf(cookie.getSameSite()).toLowerCase(java.util.Locale.ROOT),
                cookie.toString());
        driver.driver().manage().deleteAllCookies();
        submitPassword(username, DemoUsers.PASSWORD);
        deniedPage.assertCurrent();
        assertEquals("mfa_no_method", lastEvent(id, "LOGIN_ERROR").getDetails().get("reason"));
    }

    /**
     * An account older than the kept history with no sign-in in it (dormant, or from before the rollout): its first
     * browser sign-in counts as an unfamiliar device, while a new account's first sign-in counts as nothing.
     */
    @Test
    public void aDormantAccountsFirstBrowserSignInIsOnAnUnfamiliarDevice() {
        AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "low"));
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("dormant"), List.of(), false);
        String username = realm.admin().users().get(id).toRepresentation().getUsername();
        clock.set(91 * 86400); // past the 90 history days since the account was made
        try {
            submitPassword(username, DemoUsers.PASSWORD);
            deniedPage.assertCurrent(); // low risk demands a second factor; a risk policy never registers one now
            EventRepresentation refused = lastEvent(id, "LOGIN_ERROR");
            assertEquals("unfamiliar-device", refused.getDetails().get("mfa_risk_signals"), refused.getDetails().toString());
        } finally {
            clock.set(0);
        }
    }

    /** The demo realm as shipped: "unusual sign-ins need mfa" (sign-in-risk low) covers frank. */
    @Test
    public void theDemosRiskPolicyAsksFrankForASecondFactorInANewBrowser() {
        submitPassword("frank", "frank");
        assertNotNull(oauth.parseLoginResponse().getCode(), "his first sign-in ever: nothing unusual");

        realm.admin().logoutAll();
        oauth.openLoginForm();
        driver.driver().manage().deleteAllCookies();
        submitPassword("frank", "frank");
        // a new browser: unfamiliar device, low risk, so a second factor; frank has none, and a risk policy never
        // lets the sign-in register one (user-risk review, docs/pending/userrisk.md): the helpdesk page
        deniedPage.assertCurrent();
    }

    @Test
    public void passwordsFailedForManyUsersFromOneAddressMakeItsSignInsHighRisk() {
        String spray = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        String client = mailClient();
        AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "high",
                "include-clients", client));
        Map<String, Object> saved = settings(Map.of("spray-users", 3));
        realm.cleanup().add(r -> settings(Map.of("spray-users", 10)));
        assertEquals(3, saved.get("spray-users"));
        String victim = DemoUsers.create(realm, DemoUsers.uniqueName("victim"), List.of(), false);
        String victimName = realm.admin().users().get(victim).toRepresentation().getUsername();

        assertEquals(200, passwordGrant(client, victimName, DemoUsers.PASSWORD, spray).statusCode(),
                "before the spray: not high");
        for (int i = 0; i < 3; i++) {
            String someone = DemoUsers.create(realm, DemoUsers.uniqueName("sprayed"), List.of(), false);
            HttpResponse<String> failed = passwordGrant(client,
                    realm.admin().users().get(someone).toRepresentation().getUsername(), "wrong-password", spray);
            assertEquals(400, failed.statusCode(), failed.body());
            assertTrue(failed.body().contains("Invalid user credentials"), failed.body());
        }
        HttpResponse<String> refused = passwordGrant(client, victimName, DemoUsers.PASSWORD, spray);
        assertEquals(400, refused.statusCode(), refused.body());
        EventRepresentation error = lastEvent(victim, "LOGIN_ERROR");
        assertEquals("high", error.getDetails().get("mfa_risk"), error.getDetails().toString());
        assertTrue(error.getDetails().get("mfa_risk_signals").contains("password-spray"), error.getDetails().toString());
        assertEquals("mfa", error.getDetails().get("mfa_access"));

        String elsewhere = "192.0.2." + (spray.endsWith(".1") ? 2 : 1);
        assertEquals(200, passwordGrant(client, victimName, DemoUsers.PASSWORD, elsewhere).statusCode(),
                "another address is no spray source");

        // what-if from the address answers with its spray signal
        assertTrue(((List<?>) whatIf(Map.of("ipAddress", spray)).get("riskSignals")).contains("password-spray"));
    }

    /**
     * Second-factor codes typed wrong from one address are no password spray, however many users type them; a spray
     * source's signal alone raises no user who signs in from it.
     */
    @Test
    public void wrongSecondFactorCodesDoNotMakeASpraySource() {
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        settings(Map.of("spray-users", 2));
        realm.cleanup().add(r -> settings(Map.of("spray-users", 10)));
        for (int i = 0; i < 2; i++) {
            String user = DemoUsers.create(realm, DemoUsers.uniqueName("office"), List.of(), false);
            runOnServer.run(SprayEvents.wrongCode(user, address));
        }
        assertFalse(((List<?>) whatIf(Map.of("ipAddress", address)).get("riskSignals")).contains("password-spray"));
        for (int i = 0; i < 2; i++) {
            String user = DemoUsers.create(realm, DemoUsers.uniqueName("sprayed"), List.of(), false);
            runOnServer.run(SprayEvents.wrongPassword(user, address));
        }
        assertTrue(((List<?>) whatIf(Map.of("ipAddress", address)).get("riskSignals")).contains("password-spray"),
                "wrong first-factor passwords do count");

        // a successful sign-in at high from the source (the policy only reports): the address's signal alone
        // never raises the user's own risk, since it hits everyone behind that address
        String client = mailClient();
        AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "report-only", "sign-in-risk", "high",
                "include-clients", client));
        String victim = DemoUsers.create(realm, DemoUsers.uniqueName("office"), List.of(), false);
        String victimName = realm.admin().users().get(victim).toRepresentation().getUsername();
        assertEquals(200, passwordGrant(client, victimName, DemoUsers.PASSWORD, address).statusCode());
        EventRepresentation login = lastEvent(victim, "LOGIN");
        assertEquals("high", login.getDetails().get("mfa_risk"), login.getDetails().toString());
        assertEquals("none", HttpCalls.json(send(request("users/" + victim + "/risk").GET())).get("level"));
    }

    /**
     * The history takes a federated user's id ({@code f:<component>:<id>}, longer than a UUID), and the daily cleanup
     * deletes rows past the realm's history days even for a user who never signs in again.
     */
    @Test
    public void historyTakesLongUserIdsAndOldRowsAreCleanedUpWithoutASignIn() {
        String federated = "f:" + java.util.UUID.randomUUID() + ":" + "cn=someone,ou=people,dc=example,dc=org";
        assertEquals("1", runOnServer.fetch(SignInHistoryRows.record(federated, "old-device", 120), String.class));
        assertEquals("2", runOnServer.fetch(SignInHistoryRows.record(federated, "new-device", 1), String.class));
        assertEquals("1", runOnServer.fetch(SignInHistoryRows.cleanUp(federated), String.class),
                "the row of 120 days ago is past the 90 history days");
    }

    /**
     * MFA fatigue: three pushes denied in the hour (the default {@code fatigue-pushes}) make the user's next sign-in
     * medium risk, named {@code mfa-fatigue} on its events. The push page without JavaScript ("Continue").
     */
    @Test
    public void pushesDeniedThreeTimesMakeTheNextSignInMediumRisk() {
        ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(false);
        try {
            String user = DemoUsers.uniqueName("fatigue");
            AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "medium",
                    "include-users", user));
            DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
            submitPassword(user, DemoUsers.PASSWORD);
            PushDeviceSimulator device = new PushDeviceSimulator();
            assertEquals(201, device.enrol(driver.findElement(org.openqa.selenium.By.id("mfa-push-enroll-link"))
                    .getAttribute("href"), "Pixel").status());
            driver.findElement(org.openqa.selenium.By.id("mfa-push-enroll-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after enrolling");
            String id = realm.admin().users().search(user).get(0).getId();

            for (int i = 0; i < 3; i++) {
                realm.admin().logoutAll();
                submitPassword(user, DemoUsers.PASSWORD);
                assertEquals(Map.of("result", "denied"), device.answer(device.pending().get(0).id(), "deny", null).body());
                driver.driver().findElements(org.openqa.selenium.By.id("mfa-push-continue")).forEach(b -> b.click());
                assertEquals("denied", lastEvent(id, "LOGIN_ERROR").getDetails().get("mfa_result"));
            }

            realm.admin().logoutAll();
            submitPassword(user, DemoUsers.PASSWORD);
            String number = driver.findElement(org.openqa.selenium.By.id("mfa-push-number")).getText().trim();
            device.answer(device.pending().get(0).id(), "approve", Integer.valueOf(number));
            driver.driver().findElements(org.openqa.selenium.By.id("mfa-push-continue")).forEach(b -> b.click());
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with push");
            EventRepresentation login = lastEvent(id, "LOGIN");
            assertEquals("medium", login.getDetails().get("mfa_risk"), login.getDetails().toString());
            assertTrue(login.getDetails().get("mfa_risk_signals").contains("mfa-fatigue"), login.getDetails().toString());
            assertEquals(RISK_POLICY, login.getDetails().get("mfa_policies"), "the medium-risk policy applied");
        } finally {
            ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(true);
        }
    }

    /**
     * MFA fatigue counted on the server: a push closed unanswered by "Send again" counts, and so does a deny that the
     * browser that asked never looks at; each push once.
     */
    @Test
    public void resentAndUnseenDeniedPushesCountTowardFatigue() {
        ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(false);
        try {
            String user = DemoUsers.uniqueName("resend");
            AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "medium",
                    "include-users", user));
            DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
            submitPassword(user, DemoUsers.PASSWORD);
            PushDeviceSimulator device = new PushDeviceSimulator();
            assertEquals(201, device.enrol(driver.findElement(org.openqa.selenium.By.id("mfa-push-enroll-link"))
                    .getAttribute("href"), "Pixel").status());
            driver.findElement(org.openqa.selenium.By.id("mfa-push-enroll-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after enrolling");
            String id = realm.admin().users().search(user).get(0).getId();

            realm.admin().logoutAll();
            submitPassword(user, DemoUsers.PASSWORD);
            for (int i = 0; i < 2; i++) {
                driver.findElement(org.openqa.selenium.By.id("mfa-push-resend")).click(); // the last one unanswered
            }
            // the third push denied on the phone; the browser never looks
            assertEquals(Map.of("result", "denied"), device.answer(device.pending().get(0).id(), "deny", null).body());

            realm.admin().logoutAll();
            driver.driver().manage().deleteAllCookies();
            oauth.openLoginForm();
            submitPassword(user, DemoUsers.PASSWORD);
            String number = driver.findElement(org.openqa.selenium.By.id("mfa-push-number")).getText().trim();
            device.answer(device.pending().get(0).id(), "approve", Integer.valueOf(number));
            driver.driver().findElements(org.openqa.selenium.By.id("mfa-push-continue")).forEach(b -> b.click());
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with push");
            EventRepresentation login = lastEvent(id, "LOGIN");
            assertTrue(String.valueOf(login.getDetails().get("mfa_risk_signals")).contains("mfa-fatigue"),
                    login.getDetails().toString());
        } finally {
            ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(true);
        }
    }

    @Test
    public void riskSettingsAreReadSavedAndChecked() {
        Map<String, Object> shown = HttpCalls.json(send(request("risk-settings").GET()));
        assertEquals(90, shown.get("history-days"));
        assertEquals(10, shown.get("location-sign-ins"));
        assertEquals(1000, shown.get("spray-users"), "as saved before each test (the default is 10)");
        assertEquals(3, shown.get("fatigue-pushes"));
        assertEquals("low", shown.get("level-unfamiliar-device"));
        assertEquals("high", shown.get("level-password-spray"));
        assertEquals("medium", shown.get("level-two-signals"));

        HttpResponse<String> refused = put("risk-settings", Map.of("history-days", 0, "level-mfa-fatigue", "severe",
                "colour", "red"));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("history-days must be from 1 to 3650"), refused.body());
        assertTrue(refused.body().contains("'colour' is not a sign-in risk setting"), refused.body());
        assertEquals(90, HttpCalls.json(send(request("risk-settings").GET())).get("history-days"), "nothing was saved");

        realm.cleanup().add(r -> settings(Map.of("level-mfa-fatigue", "medium")));
        assertEquals("high", settings(Map.of("level-mfa-fatigue", "high")).get("level-mfa-fatigue"));
        assertEquals("high", HttpCalls.json(send(request("risk-settings").GET())).get("level-mfa-fatigue"));
    }

    @Test
    public void whatIfTakesDeviceKnownAndSignalsByTheSameRules() {
        AccessPolicyConfig.set(realm, RISK_POLICY, Map.of("state", "on", "sign-in-risk", "medium"));
        Map<String, Object> known = whatIf(Map.of());
        assertEquals("none", known.get("signInRisk"));
        assertEquals(List.of(), known.get("riskSignals"));
        assertFalse(((List<?>) known.get("policies")).contains(RISK_POLICY), known.toString());

        Map<String, Object> newDevice = whatIf(Map.of("deviceKnown", false));
        assertEquals("low", newDevice.get("signInRisk"));
        assertEquals(List.of("unfamiliar-device"), newDevice.get("riskSignals"));
        assertFalse(((List<?>) newDevice.get("policies")).contains(RISK_POLICY), "low is below medium");

        Map<String, Object> two = whatIf(Map.of("deviceKnown", false, "signals", List.of("unfamiliar-location")));
        assertEquals("medium", two.get("signInRisk"));
        assertEquals(List.of("unfamiliar-device", "unfamiliar-location"), two.get("riskSignals"));
        assertTrue(((List<?>) two.get("policies")).contains(RISK_POLICY), two.toString());
        assertEquals("mfa", two.get("grant"));

        assertEquals("high", whatIf(Map.of("signals", List.of("password-spray"))).get("signInRisk"));
        assertEquals(List.of(), whatIf(Map.of("deviceKnown", false, "clientType", "direct-grant")).get("riskSignals"),
                "a direct grant never has a device to be unfamiliar");
        HttpResponse<String> bogus = post("what-if", question(Map.of("signals", List.of("bogus"))));
        assertEquals(400, bogus.statusCode(), bogus.body());
        assertTrue(bogus.body().contains("bogus"), bogus.body());
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private Map<String, Object> whatIf(Map<String, Object> more) {
        HttpResponse<String> answer = post("what-if", question(more));
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpCalls.json(answer);
    }

    private static Map<String, Object> question(Map<String, Object> more) {
        Map<String, Object> q = new LinkedHashMap<>(Map.of("username", "alice", "clientId", "test-app",
                "ipAddress", "203.0.113.9"));
        q.putAll(more);
        return q;
    }

    private Map<String, Object> settings(Map<String, Object> body) {
        HttpResponse<String> saved = put("risk-settings", body);
        assertEquals(200, saved.statusCode(), saved.body());
        return HttpCalls.json(saved);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> put(String path, Object body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    private HttpResponse<String> post(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return HttpCalls.send(request.build());
    }

    private static String write(Object body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public client with the password grant, on the demo's direct-grant flow (which runs the policies). */
    private String mailClient() {
        if (realm.admin().clients().findByClientId(MAIL_CLIENT).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(MAIL_CLIENT);
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(false);
            try (Response response = realm.admin().clients().create(client)) {
                assertEquals(201, response.getStatus());
            }
            realm.cleanup().add(r -> r.clients().findByClientId(MAIL_CLIENT)
                    .forEach(c -> r.clients().get(c.getId()).remove()));
        }
        return MAIL_CLIENT;
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event for the user");
        return events.get(0);
    }

    private HttpResponse<String> passwordGrant(String clientId, String username, String password, String address) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", address)
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(Map.of("grant_type", "password",
                        "client_id", clientId, "username", username, "password", password, "scope", "openid"))))
                .build();
        return HttpCalls.send(request);
    }
}
