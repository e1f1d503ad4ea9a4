package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * Temporary access passes against a real Keycloak and the demo realm as shipped: an admin issues one by the REST
 * API, the user types it in the sign-in page's password field instead of the password and the second factor, and
 * everything that must refuse it does (a second use, before its start, after its expiry, the password grant, a
 * brute-force lock-out, an admin without manage-users).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class TemporaryAccessPassTest extends DemoRealmTest {

    private static final String FIRST_FACTOR_FLOW = "browser with mfa - first factor";
    private static final String PASS_FORMAT = "[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    RegisterPage registerPage;

    private AdminApi api;
    private String manager;
    private SmtpPeer smtp;

    @BeforeEach
    void helpdesk() throws IOException {
        api = new AdminApi(realm, urls);
        manager = api.tokenWithRoles("manage-users", "view-users");
        smtp = new SmtpPeer();
        int port = smtp.port();
        realm.updateWithCleanup(r -> {
            r.build().setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                    "from", "mfa@example.org", "fromDisplayName", "MFA demo"));
            return r;
        });
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (clock.get() != 0) {
            clock.set(0);
        }
        smtp.close();
    }

    @Test
    public void aStaffMemberWhoLostThePhoneSignsInWithAOneTimePassInsteadOfPasswordAndCode() {
        String user = DemoUsers.uniqueName("lost");
        String id = DemoUsers.withPhones(realm, user, false, DemoUsers.uniquePhone());
        joinStaff(id);

        Map<?, ?> issued = issue(id, Map.of("lifetimeMinutes", 60, "oneTime", true));
        String pass = (String) issued.get("pass");
        assertTrue(pass.matches(PASS_FORMAT), pass);
        assertEquals("active", issued.get("status"));
        assertEquals(true, issued.get("oneTime"));

        submitPassword(user, pass.toLowerCase().replace("-", " "));
        assertNotNull(oauth.parseLoginResponse().getCode(), "no password, no SMS code: the pass is both");
        EventRepresentation login = lastEvent(id, "LOGIN");
        assertEquals("temporary-pass", login.getDetails().get("mfa_method"));
        assertEquals("mfa-temporary-pass", login.getDetails().get("credential_type"));
        assertEquals("mfa", login.getDetails().get("mfa_access"), "the staff policy's mfa was met by the pass");

        Map<?, ?> after = get(id);
        assertEquals("used", after.get("status"));
        assertNotNull(after.get("usedAt"));
        assertFalse(after.containsKey("pass"));
        assertFalse(after.toString().contains(pass.replace("-", "")), "GET never shows the secret");

        signOut();
        submitPassword(user, pass);
        loginPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("already used"), "one-time: the second use is refused");
        assertEquals("used", lastEvent(id, "LOGIN_ERROR").getDetails().get("mfa_result"));

        List<String> subjects = awaitSubjects(user + "@example.org", 2);
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("A temporary access pass was issued")),
                subjects.toString());
        assertTrue(subjects.stream().anyMatch(s -> s.contains("signed in to with a temporary access pass")),
                subjects.toString());
    }

    @Test
    public void aNewUserWithoutAMethodSignsInWithAPassAndMayRegisterOneNow() {
        String user = DemoUsers.uniqueName("newbie");
        String id = DemoUsers.create(realm, user, List.of(), false);
        String pass = (String) issue(id, Map.of()).get("pass");

        submitPassword(user, pass);
        registerPage.assertCurrent();
        assertTrue(registerPage.methods().containsAll(List.of("mfa-phone", "otp", "mfa-push-device")),
                registerPage.methods().toString());
    }

    @Test
    public void underAPhishingResistantRequirementThePassLetsTheUserRegisterAPasskey() {
        AccessPolicyConfig.set(realm, ConditionalAccessTest.STAFF_POLICY, Map.of("grant", "phishing-resistant"));
        String user = DemoUsers.uniqueName("pr");
        String phone = DemoUsers.uniquePhone();
        String id = DemoUsers.withPhones(realm, user, false, phone);
        joinStaff(id);
        String pass = (String) issue(id, Map.of()).get("pass");

        submitPassword(user, pass);
        // the only method that meets the requirement: its registration starts at once, no phone code asked
        assertTrue(driver.driver().getPageSource().contains("login-webauthn-register"),
                "the passkey / security key registration page: " + driver.driver().getCurrentUrl());
        assertEquals(0, Outbox.countTo(phone), "the pass was the factor given: no code was sent to the phone");
    }

    @Test
    public void asASecondFactorStepThePassIsAnotherWayAfterThePassword() {
        passStepAsSecondFactor();

        String plain = DemoUsers.uniqueName("plain");
        String plainId = DemoUsers.create(realm, plain, List.of(), false);
        submitPassword(plain, DemoUsers.PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode(),
                "no policy, no method, no pass: the step does not make the second-factor sub-flow run");
        realm.admin().users().get(plainId).logout(); // only this user: signing everyone out would end the admin's token

        String user = DemoUsers.uniqueName("second");
        String phone = DemoUsers.uniquePhone();
        String id = DemoUsers.withPhones(realm, user, false, phone);
        joinStaff(id);
        String pass = (String) issue(id, Map.of()).get("pass");

        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertTrue(smsPage.otherWays().contains("Temporary access pass"), smsPage.otherWays().toString());
        smsPage.signInAnotherWay("Temporary access pass");
        assertTrue(driver.driver().getPageSource().contains("login-mfa-temporary-pass"), driver.driver().getCurrentUrl());
        driver.findElement(org.openqa.selenium.By.id("mfaPass")).sendKeys("ABCD-EFGH-JKLM");
        driver.findElement(org.openqa.selenium.By.id("mfa-temporary-pass-submit")).click();
        assertTrue(driver.driver().getPageSource().contains("That pass is not right"), "a wrong pass is refused");
        assertEquals("wrong", lastEvent(id, "LOGIN_ERROR").getDetails().get("mfa_result"));
        driver.findElement(org.openqa.selenium.By.id("mfaPass")).sendKeys(pass);
        driver.findElement(org.openqa.selenium.By.id("mfa-temporary-pass-submit")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "password, then the pass as the second factor");
        assertEquals("temporary-pass", lastEvent(id, "LOGIN").getDetails().get("mfa_method"));
        assertEquals("used", get(id).get("status"));
    }

    @Test
    public void onReauthenticationThePassStepOfTheSecondFactorNeverTakesThePassword() {
        // Keycloak's own Username Password Form is the first factor; the pass is a second-factor step only
        var flows = realm.admin().flows();
        var firstFactorPass = flows.getExecutions(FIRST_FACTOR_FLOW).stream()
                .filter(e -> "mfa-temporary-pass".equals(e.getProviderId())).findFirst().orElseThrow();
        firstFactorPass.setRequirement("DISABLED");
        flows.updateExecutions(FIRST_FACTOR_FLOW, firstFactorPass);
        realm.cleanup().add(r -> {
            firstFactorPass.setRequirement("ALTERNATIVE");
            r.flows().updateExecutions(FIRST_FACTOR_FLOW, firstFactorPass);
        });
        passStepAsSecondFactor();

        String user = DemoUsers.uniqueName("reauth");
        String id = DemoUsers.withPhones(realm, user, false, DemoUsers.uniquePhone());
        joinStaff(id);
        String pass = (String) issue(id, Map.of("oneTime", false)).get("pass");
        submitPassword(user, DemoUsers.PASSWORD);
        givePassAsSecondFactor(pass);
        assertNotNull(oauth.parseLoginResponse().getCode(), "password, then the pass");

        oauth.loginForm().prompt("login").open();
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("kc-login")).click();
        // the second factor is asked again; its pass step asks for the pass, never for the password
        if (!driver.driver().getPageSource().contains("login-mfa-temporary-pass")) {
            smsPage.assertCurrent();
            smsPage.signInAnotherWay("Temporary access pass");
        }
        assertTrue(driver.driver().getPageSource().contains("login-mfa-temporary-pass"),
                "the pass form, not the password form: " + driver.driver().getCurrentUrl());
        driver.findElement(org.openqa.selenium.By.id("mfaPass")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("mfa-temporary-pass-submit")).click();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "the password is no second factor");
        assertTrue(driver.driver().getPageSource().contains("That pass is not right"), "it is refused as a pass");
        driver.findElement(org.openqa.selenium.By.id("mfaPass")).sendKeys(pass);
        driver.findElement(org.openqa.selenium.By.id("mfa-temporary-pass-submit")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "the pass still is one");
    }

    @Test
    public void aDisabledUsersPassIsNotUsedAndLeavesNothingForTheNextUserOnThePage() {
        String disabled = DemoUsers.uniqueName("disabled");
        String disabledId = DemoUsers.create(realm, disabled, List.of(), false);
        String pass = (String) issue(disabledId, Map.of("oneTime", true)).get("pass");
        var rep = realm.admin().users().get(disabledId).toRepresentation();
        rep.setEnabled(false);
        realm.admin().users().get(disabledId).update(rep);

        HttpResponse<String> refused = call("POST", disabledId, manager, "{}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("user_disabled"), refused.body());

        submitPassword(disabled, pass);
        loginPage.assertCurrent();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "a disabled user does not sign in");
        assertEquals("active", get(disabledId).get("status"), "the pass of a disabled user is not used up");
        assertEquals(0, awaitSubjects(disabled + "@example.org", 2).stream()
                .filter(s -> s.contains("signed in to with a temporary access pass")).count(), "no 'pass used' mail");

        // the next person on the same page: a staff member whose policy needs the second factor
        String staff = DemoUsers.uniqueName("next");
        String staffId = DemoUsers.withPhones(realm, staff, false, DemoUsers.uniquePhone());
        joinStaff(staffId);
        loginPage.fillLogin(staff, DemoUsers.PASSWORD);
        loginPage.submit();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "no pass of someone else counts for this user");
        smsPage.assertCurrent();
    }

    @Test
    public void aPassWorksOnlyFromItsStartUntilItsExpiry() {
        String user = DemoUsers.uniqueName("timed");
        String id = DemoUsers.create(realm, user, List.of(), false);
        String later = (String) issue(id, Map.of("startsAt", System.currentTimeMillis() + 3_600_000L)).get("pass");
        assertEquals("scheduled", get(id).get("status"));
        submitPassword(user, later);
        loginPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("not valid yet"));
        assertEquals("not-yet-valid", lastEvent(id, "LOGIN_ERROR").getDetails().get("mfa_result"));

        String now = (String) issue(id, Map.of("lifetimeMinutes", 30)).get("pass");
        clock.set(31 * 60);
        submitPassword(user, now);
        loginPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("has expired"));
    }

    @Test
    public void wrongPassesAreCountedUntilTheUserIsLockedOut() {
        String user = DemoUsers.uniqueName("guess");
        String id = DemoUsers.create(realm, user, List.of(), false);
        String pass = (String) issue(id, Map.of()).get("pass");
        int failures = realm.admin().toRepresentation().getFailureFactor();
        for (int i = 0; i < failures; i++) {
            assertEquals(Boolean.FALSE, realm.admin().attackDetection().bruteForceUserStatus(id).get("disabled"),
                    "not locked after " + i + " wrong passes (each counted once)");
            submitPassword(user, "ABCD-EFGH-JKL" + (i % 8 + 2));
            loginPage.assertCurrent();
        }
        assertEquals(Boolean.TRUE, realm.admin().attackDetection().bruteForceUserStatus(id).get("disabled"),
                "locked after the realm's " + failures + " failures");
        submitPassword(user, pass);
        loginPage.assertCurrent();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "a locked-out user cannot use the pass either");
        assertEquals("active", get(id).get("status"), "the pass was not used up by the refused attempt");
    }

    @Test
    public void thePasswordGrantRefusesThePass() {
        String user = DemoUsers.uniqueName("grant");
        String id = DemoUsers.create(realm, user, List.of(), false);
        String pass = (String) issue(id, Map.of("oneTime", false)).get("pass");
        for (String typed : List.of(pass, pass.replace("-", ""))) {
            HttpResponse<String> refused = api.passwordGrant(user, typed);
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("invalid_grant", AdminApi.json(refused.body(), Map.class).get("error"));
        }
        assertEquals("active", get(id).get("status"));
    }

    @Test
    public void aNewPassReplacesTheOldOneAndRevokingEndsIt() {
        String user = DemoUsers.uniqueName("replace");
        String id = DemoUsers.create(realm, user, List.of(), false);
        Map<?, ?> first = issue(id, Map.of("oneTime", false));
        Map<?, ?> second = issue(id, Map.of("oneTime", false));
        assertNotEquals(first.get("id"), second.get("id"));
        assertEquals(second.get("id"), get(id).get("id"), "one pass per user");

        submitPassword(user, (String) first.get("pass"));
        loginPage.assertCurrent();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "the replaced pass no longer works");

        HttpResponse<String> revoked = call("DELETE", id, manager, null);
        assertEquals(204, revoked.statusCode(), revoked.body());
        assertEquals(404, call("GET", id, manager, null).statusCode());
        submitPassword(user, (String) second.get("pass"));
        loginPage.assertCurrent();
        assertFalse(driver.driver().getCurrentUrl().contains("code="), "the revoked pass no longer works");

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "CREATE".equals(e.getOperationType())
                && e.getResourcePath().endsWith(id + "/temporary-pass")), "issuing is an admin event");
        assertTrue(events.stream().anyMatch(e -> "DELETE".equals(e.getOperationType())
                && e.getResourcePath().endsWith(id + "/temporary-pass")), "revoking is an admin event");
        assertTrue(events.stream().noneMatch(e -> e.getRepresentation() != null
                && e.getRepresentation().contains((String) second.get("pass"))), "the pass is in no admin event");
    }

    @Test
    public void onlyManageUsersIssuesAndTheRealmsMaximumHolds() {
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("rights"), List.of(), false);
        String viewer = api.tokenWithRoles("view-users");
        HttpResponse<String> forbidden = call("POST", id, viewer, "{}");
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertEquals(404, call("GET", id, viewer, null).statusCode(), "view-users reads: there is none");
        issue(id, Map.of());
        assertEquals(200, call("GET", id, viewer, null).statusCode());
        assertEquals(403, call("DELETE", id, viewer, null).statusCode());

        HttpResponse<String> tooLong = call("POST", id, manager, "{\"lifetimeMinutes\": 481}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("from 10 to 480"), tooLong.body());
        HttpResponse<String> badStart = call("POST", id, manager, "{\"startsAt\": \"next week\"}");
        assertEquals(400, badStart.statusCode(), badStart.body());
    }

    // --- helpers -------------------------------------------------------------------------------------

    private Map<?, ?> issue(String userId, Map<String, Object> body) {
        HttpResponse<String> response = call("POST", userId, manager, write(body));
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        return AdminApi.json(response.body(), Map.class);
    }

    private Map<?, ?> get(String userId) {
        HttpResponse<String> response = call("GET", userId, manager, null);
        assertEquals(200, response.statusCode(), response.body());
        return AdminApi.json(response.body(), Map.class);
    }

    private HttpResponse<String> call(String method, String userId, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/" + realm.getName()
                + "/mfa/users/" + userId + "/temporary-pass")).header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpCalls.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String write(Map<String, Object> body) {
        try {
            return org.keycloak.util.JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the pass as an alternative step of the demo's second-factor sub-flow (removed after the test). */
    private void passStepAsSecondFactor() {
        var flows = realm.admin().flows();
        flows.addExecution(SmsStepConfig.SECOND_FACTOR_FLOW, Map.of("provider", "mfa-temporary-pass"));
        var step = flows.getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                .filter(e -> "mfa-temporary-pass".equals(e.getProviderId())).findFirst().orElseThrow();
        realm.cleanup().add(r -> r.flows().removeExecution(step.getId()));
        step.setRequirement("ALTERNATIVE");
        flows.updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, step);
    }

    private void givePassAsSecondFactor(String pass) {
        if (!driver.driver().getPageSource().contains("login-mfa-temporary-pass")) {
            smsPage.assertCurrent();
            smsPage.signInAnotherWay("Temporary access pass");
        }
        driver.findElement(org.openqa.selenium.By.id("mfaPass")).sendKeys(pass);
        driver.findElement(org.openqa.selenium.By.id("mfa-temporary-pass-submit")).click();
    }

    private void joinStaff(String userId) {
        realm.admin().users().get(userId).joinGroup(realm.admin().getGroupByPath("/staff").getId());
    }

    private void signOut() {
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event for the user");
        return events.get(0);
    }

    private List<String> awaitSubjects(String address, int count) {
        for (int i = 0; i < 50 && smtp.mailsTo(address).size() < count; i++) {
            try {
                Thread.sleep(100); // the mail's way over the socket, not time passing in Keycloak
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return smtp.mailsTo(address).stream().map(SmtpPeer.Mail::subject).toList();
    }
}
