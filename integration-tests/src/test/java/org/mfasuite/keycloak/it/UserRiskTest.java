package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.util.JsonSerialization;

/**
 * User risk: a fraud report raises the user to high; a {@code user-risk=high} policy with grant
 * {@code password-change} makes that user give the second factor and set a new password, which clears the risk; an
 * admin dismisses it by REST (manage-users); an admin's password reset does not clear it; the direct grant, which
 * cannot set a password, is refused. A password changed without a second factor leaves the risk as it is.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class UserRiskTest extends DemoRealmTest {

    /** The demo's report-only policy, turned into the user-risk policy for these tests (the cleanup restores it). */
    private static final String POLICY = "report only - mfa for everyone";
    private static final String NEW_PASSWORD = "A-new-passw0rd-for-risk";
    private static final String DIRECT_GRANT_FLOW = "direct grant with access";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    LoginPasswordUpdatePage updatePasswordPage;

    @InjectPage
    AccessDeniedPage deniedPage;

    @InjectPage
    RegisterPage registerPage;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    @InjectTimeOffSet
    TimeOffSet clock;

    private AdminApi api;

    @BeforeEach
    void adminApi() {
        api = new AdminApi(realm, urls);
    }

    @AfterEach
    void clockBack() {
        if (clock.get() != 0) {
            clock.set(0);
        }
    }

    @Test
    public void aReportedUserChangesThePasswordAfterTheSecondFactorAndIsNormalAgain() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "risky", phone);
        String id = realm.admin().users().search(user, true).get(0).getId();
        String viewer = api.tokenWithRoles("view-users");
        assertEquals("none", risk(viewer, id).get("level"));

        reportSignIn(user, phone);
        Map<String, Object> risk = risk(viewer, id);
        assertEquals("high", risk.get("level"));
        assertNotNull(risk.get("since"));
        assertEquals("fraud-report", ((List<Map<String, Object>>) risk.get("reasons")).get(0).get("reason"));
        EventRepresentation report = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, id, null,
                null, null, 0, 10).stream().filter(e -> "mfa_fraud_report".equals(e.getError())).findFirst().orElseThrow();
        assertEquals("high", report.getDetails().get("mfa_user_risk"));

        // whoever holds the password signed in elsewhere while no policy asked for more
        HttpResponse<String> elsewhere = api.passwordGrant(user, DemoUsers.PASSWORD);
        assertEquals(200, elsewhere.statusCode(), elsewhere.body());
        List<String> otherSessions = sessionIds(id);
        assertEquals(1, otherSessions.size(), otherSessions.toString());

        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "password-change", "user-risk", "high"));

        // what-if says what the sign-in will do
        Map<String, Object> answer = whatIf(api.tokenWithRoles("view-users", "view-realm"), user, "browser");
        assertEquals("mfa", answer.get("grant"));
        assertEquals(true, answer.get("passwordChange"));
        assertEquals(List.of(POLICY), answer.get("decidingPolicies"));

        // the direct grant cannot set a password: refused, and says why
        HttpResponse<String> token = api.passwordGrant(user, DemoUsers.PASSWORD);
        assertEquals(400, token.statusCode(), token.body());
        assertTrue(String.valueOf(HttpCalls.json(token).get("error_description"))
                .startsWith("A password change is required for this account"), token.body());

        // the browser: the second factor first, then a new password
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        updatePasswordPage.assertCurrent();
        updatePasswordPage.changePassword(NEW_PASSWORD, NEW_PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode());
        risk = risk(viewer, id);
        assertEquals("none", risk.get("level"));
        assertEquals("password-change", risk.get("clearedBy"));
        assertEquals(List.of(), risk.get("reasons"));
        List<String> sessions = sessionIds(id);
        assertEquals(1, sessions.size(), "only the sign-in that changed the password goes on: " + sessions);
        assertFalse(sessions.contains(otherSessions.get(0)), "the other session ended");
        EventRepresentation login = realm.admin().getEvents(List.of("LOGIN"), null, id, null, null, null, 0, 1).get(0);
        assertEquals("required", login.getDetails().get("mfa_password_change"));
        assertEquals("mfa", login.getDetails().get("mfa_access"));

        // the next sign-in is as before: the phone, no new password
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, NEW_PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("none", whatIf(api.tokenWithRoles("view-users", "view-realm"), user, "browser").get("grant"));
    }

    @Test
    public void anAdminDismissesTheRiskWithManageUsersOnly() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "dismissed", phone);
        String id = realm.admin().users().search(user, true).get(0).getId();
        reportSignIn(user, phone);

        String viewer = api.tokenWithRoles("view-users");
        assertEquals("high", risk(viewer, id).get("level"));
        assertEquals(403, dismiss(viewer, id).statusCode(), "view-users may look, not dismiss");
        assertEquals(403, get(api.tokenWithRoles(), "users/" + id + "/risk").statusCode(), "a plain user may not look");
        assertEquals(404, get(viewer, "users/no-such-user/risk").statusCode());
        assertEquals("high", risk(viewer, id).get("level"));

        HttpResponse<String> dismissed = dismiss(api.tokenWithRoles("manage-users"), id);
        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertEquals("none", HttpCalls.json(dismissed).get("level"));
        Map<String, Object> risk = risk(viewer, id);
        assertEquals("none", risk.get("level"));
        assertEquals("admin", risk.get("clearedBy"));
        assertEquals(1, ((List<?>) risk.get("history")).size(), "the reason stays on record");
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents(List.of("ACTION"), null, null, null, null,
                "*" + id + "*", null, null, 0, 10);
        assertTrue(events.stream().anyMatch(e -> e.getResourcePath().endsWith("users/" + id + "/risk/dismiss")),
                "an admin event: " + events.stream().map(AdminEventRepresentation::getResourcePath).toList());

        // cleared: the user-risk policy no longer covers the user
        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "password-change", "user-risk", "high"));
        assertEquals(false, whatIf(api.tokenWithRoles("view-users", "view-realm"), user, "browser").get("passwordChange"));
    }

    @Test
    public void aPasswordSetWithoutASecondFactorDoesNotClearTheRisk() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "reset", phone);
        String id = realm.admin().users().search(user, true).get(0).getId();
        reportSignIn(user, phone);

        // an admin's reset: no sign-in gave a second factor
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(NEW_PASSWORD);
        password.setTemporary(false);
        realm.admin().users().get(id).resetPassword(password);
        assertEquals("high", risk(api.tokenWithRoles("view-users"), id).get("level"), "an admin's reset never clears it");

        // the user changes it in a sign-in without a second factor (a network policy allows it; an admin asked)
        AccessPolicyConfig.set(realm, "office network", Map.of("networks", "127.0.0.0/8, ::1/128"));
        var rep = realm.admin().users().get(id).toRepresentation();
        rep.setRequiredActions(List.of("UPDATE_PASSWORD"));
        realm.admin().users().get(id).update(rep);
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, NEW_PASSWORD);
        updatePasswordPage.assertCurrent();
        updatePasswordPage.changePassword(NEW_PASSWORD + "2", NEW_PASSWORD + "2");
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("high", risk(api.tokenWithRoles("view-users"), id).get("level"), "no second factor: still at risk");
    }

    @Test
    public void aHighRiskSignInRaisesTheUserAndADeletedUserTakesTheRowAlong() {
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("gone"), List.of(), false);
        runOnServer.run(UserRiskRows.raise(id));
        Map<String, Object> risk = risk(api.tokenWithRoles("view-users"), id);
        assertEquals("high", risk.get("level"));
        assertEquals("high-risk-sign-in", ((List<Map<String, Object>>) risk.get("reasons")).get(0).get("reason"));
        assertEquals("1", runOnServer.fetch(UserRiskRows.count(id), String.class));
        realm.admin().users().get(id).remove();
        assertEquals("0", runOnServer.fetch(UserRiskRows.count(id), String.class));
    }

    @Test
    public void aUserAtRiskWithoutASecondFactorIsSentToTheHelpdeskNotToARegistration() {
        String username = DemoUsers.uniqueName("no-factor");
        String id = DemoUsers.create(realm, username, List.of(), false);
        runOnServer.run(UserRiskRows.raise(id));
        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "password-change", "user-risk", "high"));
        submitPassword(username, DemoUsers.PASSWORD);
        deniedPage.assertCurrent();
        assertEquals(username, deniedPage.detail("username"));
        assertEquals(POLICY, deniedPage.detail("policy"));
        assertEquals(List.of("password"), realm.admin().users().get(id).credentials().stream()
                .map(CredentialRepresentation::getType).toList(), "nothing registered");
        assertEquals("high", risk(api.tokenWithRoles("view-users"), id).get("level"));
    }

    @Test
    public void aUserRiskPolicyWithGrantMfaNeverLetsAUserWithoutAFactorRegisterOne() {
        String username = DemoUsers.uniqueName("no-factor-mfa");
        String id = DemoUsers.create(realm, username, List.of(), false);
        runOnServer.run(UserRiskRows.raise(id));
        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "mfa", "user-risk", "high"));
        submitPassword(username, DemoUsers.PASSWORD);
        deniedPage.assertCurrent();
        assertEquals(POLICY, deniedPage.detail("policy"));
        assertEquals(List.of("password"), realm.admin().users().get(id).credentials().stream()
                .map(CredentialRepresentation::getType).toList(), "nothing registered");
        EventRepresentation refused = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, id, null, null, null, 0, 1)
                .get(0);
        assertEquals("mfa_no_method", refused.getDetails().get("reason"));

        // the helpdesk's temporary access pass still lets the user in (and register a method afterwards)
        HttpResponse<String> issued = HttpCalls.send(HttpRequest.newBuilder(uri("users/" + id + "/temporary-pass"))
                .header("Authorization", "Bearer " + api.tokenWithRoles("manage-users", "view-users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(201, issued.statusCode(), issued.body());
        driver.driver().manage().deleteAllCookies();
        submitPassword(username, String.valueOf(HttpCalls.json(issued).get("pass")));
        registerPage.assertCurrent();
    }

    @Test
    public void theDirectGrantsPasswordStepRefusesAPasswordChangeWithoutTheGate() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "no-gate", phone);
        String id = realm.admin().users().search(user, true).get(0).getId();
        runOnServer.run(UserRiskRows.raise(id));
        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "password-change", "user-risk", "high"));
        var flows = realm.admin().flows();
        var gate = flows.getExecutions(DIRECT_GRANT_FLOW).stream()
                .filter(e -> "mfa-access-gate".equals(e.getProviderId())).findFirst().orElseThrow();
        String requirement = gate.getRequirement();
        gate.setRequirement("DISABLED");
        flows.updateExecutions(DIRECT_GRANT_FLOW, gate);
        try {
            HttpResponse<String> token = api.passwordGrant(user, DemoUsers.PASSWORD);
            assertEquals(400, token.statusCode(), token.body());
            assertEquals("access_denied", HttpCalls.json(token).get("error"), token.body());
            assertTrue(String.valueOf(HttpCalls.json(token).get("error_description"))
                    .startsWith("A password change is required for this account"), token.body());
            EventRepresentation refused = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, id, null, null, null,
                    0, 1).get(0);
            assertEquals("mfa_password_change_required", refused.getDetails().get("reason"));
            assertEquals("password", refused.getDetails().get("mfa_method"), "refused by the password step itself");
        } finally {
            gate.setRequirement(requirement);
            flows.updateExecutions(DIRECT_GRANT_FLOW, gate);
        }
    }

    @Test
    public void aUserWhoTakesLongOnTheNewPasswordPageIsStillCleared() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "slow", phone);
        String id = realm.admin().users().search(user, true).get(0).getId();
        runOnServer.run(UserRiskRows.raise(id));
        AccessPolicyConfig.set(realm, POLICY, Map.of("state", "on", "grant", "password-change", "user-risk", "high"));
        realm.updateWithCleanup(r -> {
            r.build().setAccessCodeLifespanUserAction(3600);
            r.build().setAccessCodeLifespanLogin(3600);
            return r;
        });
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        updatePasswordPage.assertCurrent();
        clock.set(20 * 60); // longer than the 15 minutes a factor stays fresh
        updatePasswordPage.changePassword(NEW_PASSWORD, NEW_PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("none", risk(api.tokenWithRoles("view-users"), id).get("level"),
                "the factor was fresh when the gate asked for the new password");
    }

    /** The user's online session ids, as the admin sees them. */
    private List<String> sessionIds(String userId) {
        return realm.admin().users().get(userId).getUserSessions().stream().map(UserSessionRepresentation::getId)
                .toList();
    }

    /** Someone else signs in with the user's password; the user reports the text's link. */
    private void reportSignIn(String user, String phone) {
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        String link = Outbox.reportLinkIn(Outbox.lastMessageTo(phone).path("text").asText());
        assertNotNull(link);
        HttpResponse<String> reported = HttpCalls.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mfa-action=report")).build());
        assertEquals(200, reported.statusCode(), reported.body());
        driver.driver().manage().deleteAllCookies();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> risk(String token, String userId) {
        HttpResponse<String> response = get(token, "users/" + userId + "/risk");
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private HttpResponse<String> dismiss(String token, String userId) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("users/" + userId + "/risk/dismiss"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> get(String token, String path) {
        return HttpCalls.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private Map<String, Object> whatIf(String token, String username, String clientType) {
        try {
            HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(uri("what-if"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(Map.of(
                            "username", username, "clientId", AdminApi.CLI, "ipAddress", "127.0.0.1",
                            "clientType", clientType)))).build());
            assertEquals(200, response.statusCode(), response.body());
            return HttpCalls.json(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path);
    }
}
