package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * Conditional access in the demo realm, against a real Keycloak: the demo's policies (a blocked client, MFA
 * for /staff except from the office network 198.51.100.0/24, the office network allows, a report-only policy)
 * and variations an admin makes in the flow editor. Client addresses come from X-Forwarded-For (the server
 * runs with proxy-headers=xforwarded), as behind a reverse proxy.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class ConditionalAccessTest extends DemoRealmTest {

    static final String OFFICE = "198.51.100.7";
    static final String OUTSIDE = "203.0.113.9";
    static final String SAM_PHONE = "+46701234588";
    static final String STAFF_POLICY = "staff need mfa";
    static final String REPORT_POLICY = "report only - mfa for everyone";
    static final String MAIL_CLIENT = "legacy-mail";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    AccessDeniedPage deniedPage;

    @InjectPage
    PhoneRegisterPage phonePage;

    @InjectPage
    RegisterPage registerPage;

    @AfterEach
    void clockAndClientBack() {
        if (clock.get() != 0) {
            clock.set(0);
        }
        oauth.client("test-app", "test-secret");
    }

    // --- the demo's policies --------------------------------------------------------------------------

    @Test
    public void blockedClientShowsTheRefusalPageWithDetailsForTheHelpdesk() {
        allowTestRedirect("legacy-reports");
        oauth.client("legacy-reports");
        submitPassword("alice", "alice");

        deniedPage.assertCurrent();
        assertEquals("You can't sign in from here", deniedPage.title());
        assertTrue(deniedPage.helpdesk().contains("helpdesk@example.org"), deniedPage.helpdesk());
        assertEquals("demo", deniedPage.detail("realm"));
        assertEquals("legacy-reports", deniedPage.detail("client"));
        assertEquals("alice", deniedPage.detail("username"));
        assertEquals("block legacy-reports", deniedPage.detail("policy"));
        assertEquals("mfa_policy_block", deniedPage.detail("error"));
        assertTrue(deniedPage.detail("time").endsWith("UTC"), deniedPage.detail("time"));
        String reference = deniedPage.detail("reference");
        assertTrue(reference.matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), reference);
        assertTrue(deniedPage.copiedText().contains("Reference: " + reference), deniedPage.copiedText());

        EventRepresentation error = lastEvent(userId("alice"), "LOGIN_ERROR");
        assertEquals("access_denied", error.getError());
        assertEquals(reference, error.getDetails().get("mfa_ref"), "the page's reference finds the event");
        assertEquals("block", error.getDetails().get("mfa_access"));
        assertEquals("block legacy-reports", error.getDetails().get("mfa_policies"));
    }

    @Test
    public void aDisabledPolicyStepIsOff() {
        var flows = realm.admin().flows();
        var step = flows.getExecutions(AccessPolicyConfig.BROWSER_FLOW).stream()
                .filter(e -> "mfa-access-policy".equals(e.getProviderId()) && e.getAuthenticationConfig() != null
                        && "block legacy-reports".equals(flows.getAuthenticatorConfig(e.getAuthenticationConfig()).getAlias()))
                .findFirst().orElseThrow();
        step.setRequirement("DISABLED");
        flows.updateExecutions(AccessPolicyConfig.BROWSER_FLOW, step);
        realm.cleanup().add(r -> {
            step.setRequirement("REQUIRED");
            r.flows().updateExecutions(AccessPolicyConfig.BROWSER_FLOW, step);
        });
        allowTestRedirect("legacy-reports");
        oauth.client("legacy-reports");
        submitPassword("alice", "alice");

        smsPage.assertCurrent(); // not blocked: on to her second factor
    }

    @Test
    public void blockedClientGetsAccessDeniedOnTheDirectGrantAndNoFailureIsCounted() {
        for (int i = 0; i < 12; i++) { // more than the realm's failure factor (10)
            HttpResponse<String> refused = passwordGrant("legacy-reports", "alice", "alice", OUTSIDE);
            assertEquals(400, refused.statusCode(), refused.body());
            Map<String, String> body = json(refused);
            assertEquals("access_denied", body.get("error"));
            assertFalse(body.get("error_description").contains("block legacy-reports"), body.get("error_description"));
            assertTrue(body.get("error_description").matches(".*Reference [0-9A-Z]{4}-[0-9A-Z]{4}\\..*"),
                    body.get("error_description"));
        }
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId("alice"));
        assertEquals(0, ((Number) status.get("numFailures")).intValue(), "a block is not a wrong password");
        assertEquals(200, passwordGrant(mailClient(), "alice", "alice", OUTSIDE).statusCode());
    }

    @Test
    public void staffNeedASecondFactorExceptFromTheOfficeNetwork() {
        String client = mailClient();
        HttpResponse<String> outside = passwordGrant(client, "sam", "sam", OUTSIDE);
        assertEquals(400, outside.statusCode(), outside.body());
        assertEquals("invalid_grant", json(outside).get("error"));
        assertTrue(json(outside).get("error_description").contains("second factor"), outside.body());
        assertTrue(json(outside).get("error_description").contains("app password"), outside.body());
        assertFalse(json(outside).get("error_description").contains(STAFF_POLICY),
                "the policy's name is on the event, not told to whoever holds the password: " + outside.body());
        assertEquals(STAFF_POLICY, lastEvent(userId("sam"), "LOGIN_ERROR").getDetails().get("mfa_policies"));

        HttpResponse<String> office = passwordGrant(client, "sam", "sam", OFFICE);
        assertEquals(200, office.statusCode(), "the office network allows without a second factor: " + office.body());
        EventRepresentation login = lastEvent(userId("sam"), "LOGIN");
        assertEquals("allow", login.getDetails().get("mfa_access"));
        assertEquals("office network", login.getDetails().get("mfa_policies"));

        assertEquals(200, passwordGrant(client, "alice", "alice", OUTSIDE).statusCode(), "alice is not staff");
    }

    @Test
    public void aNetworkCanBeBlocked() {
        Map<String, String> byNetwork = new HashMap<>();
        byNetwork.put("include-clients", null);
        byNetwork.put("networks", "203.0.113.0/24, 2001:db8:bad::/48");
        AccessPolicyConfig.set(realm, "block legacy-reports", byNetwork);
        String client = mailClient();

        HttpResponse<String> v4 = passwordGrant(client, "alice", "alice", OUTSIDE);
        assertEquals("access_denied", json(v4).get("error"), v4.body());
        HttpResponse<String> v6 = passwordGrant(client, "alice", "alice", "2001:db8:bad:1::5");
        assertEquals("access_denied", json(v6).get("error"), v6.body());
        assertEquals(200, passwordGrant(client, "alice", "alice", "2001:db8:600d::5").statusCode());
        assertEquals(200, passwordGrant(client, "alice", "alice", OFFICE).statusCode());
    }

    @Test
    public void anExcludedSubGroupIsNotAsked() {
        AccessPolicyConfig.set(realm, STAFF_POLICY, Map.of("exclude-groups", "/staff/interns"));
        String intern = staffUser("/staff/interns");
        String staff = staffUser("/staff");
        String client = mailClient();

        assertEquals(200, passwordGrant(client, intern, DemoUsers.PASSWORD, OUTSIDE).statusCode());
        assertEquals(400, passwordGrant(client, staff, DemoUsers.PASSWORD, OUTSIDE).statusCode(),
                "a sub-group's members are in the parent group's policy unless excluded");
    }

    @Test
    public void staffWithoutAPhoneAreAskedToRegisterOneOthersAreNot() {
        String staff = staffUser("/staff");
        submitPassword(staff, DemoUsers.PASSWORD);
        registerPage.assertCurrent(); // the realm's "register a method" prompt, which cannot be skipped here
        assertFalse(registerPage.canSnooze());
        registerPage.choose("mfa-phone");
        phonePage.assertCurrent();
        assertEquals("Register your phone", phonePage.title());
        String phone = DemoUsers.uniquePhone();
        phonePage.enterNumber(phone);
        phonePage.enterCode(Outbox.lastCodeTo(phone));
        phonePage.confirmAdded();
        assertNotNull(oauth.parseLoginResponse().getCode(), "registering the phone was this sign-in's second factor");
        EventRepresentation login = lastEvent(userId(staff), "LOGIN");
        assertEquals("mfa", login.getDetails().get("mfa_access"),
                "the decision is on the LOGIN event that ends after a required action, too");
        assertEquals(STAFF_POLICY, login.getDetails().get("mfa_policies"));

        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        String other = DemoUsers.create(realm, DemoUsers.uniqueName("nostaff"), List.of(), false);
        submitPassword(realmUsername(other), DemoUsers.PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode(), "no policy applies: the flow's own default, no second factor");
    }

    @Test
    public void samSignsInWithSmsAndTheEventNamesThePolicy() {
        int before = Outbox.countTo(SAM_PHONE);
        submitPassword("sam", "sam");
        assertEquals(before + 1, Outbox.countTo(SAM_PHONE));
        smsPage.enterCode(Outbox.lastCodeTo(SAM_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());

        EventRepresentation login = lastEvent(userId("sam"), "LOGIN");
        assertEquals("mfa", login.getDetails().get("mfa_access"));
        assertEquals(STAFF_POLICY, login.getDetails().get("mfa_policies"));
        assertEquals(REPORT_POLICY + "=mfa", login.getDetails().get("mfa_report_only"));
    }

    @Test
    public void phishingResistantAsksAPhoneUserForHerSmsCodeBeforeASecurityKeyRegistration() {
        AccessPolicyConfig.set(realm, STAFF_POLICY, Map.of("grant", "phishing-resistant"));
        String phone = DemoUsers.uniquePhone();
        String id = DemoUsers.withPhones(realm, DemoUsers.uniqueName("staff"), false, phone);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());
        submitPassword(realmUsername(id), DemoUsers.PASSWORD);

        smsPage.assertCurrent(); // not a security-key registration: with a phished password that would let anyone in
        assertEquals(1, Outbox.countTo(phone), "her own factor first");
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertEquals("login-webauthn-register", driver.page().getCurrentPageId(),
                "after the SMS code she may add the security key the policy asks for");
    }

    @Test
    public void aFactorTheFlowCannotTakeIsRefusedNotReplacedByARegistration() {
        setRequirement("auth-otp-form", "DISABLED"); // the flow has no OTP step; the realm still accepts OTP elsewhere
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("staff"), List.of(), true); // her only factor: TOTP
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());
        submitPassword(realmUsername(id), DemoUsers.PASSWORD);

        deniedPage.assertCurrent();
        assertEquals("Your sign-in method can't be used here", deniedPage.title());
        assertTrue(deniedPage.helpdesk().contains("helpdesk@example.org"), deniedPage.helpdesk());
        assertEquals("mfa_no_usable_step", deniedPage.detail("error"));
        EventRepresentation error = lastEvent(id, "LOGIN_ERROR");
        assertEquals("mfa_no_usable_step", error.getDetails().get("reason"));
        assertTrue(realm.admin().users().get(id).credentials().stream().allMatch(
                c -> "password".equals(c.getType()) || "otp".equals(c.getType())), "nothing was registered");
    }

    @Test
    public void reportOnlyNeverEnforcesButIsRecorded() {
        AccessPolicyConfig.set(realm, REPORT_POLICY, Map.of("grant", "block"));
        submitPassword("alice", "alice");
        smsPage.enterCode(Outbox.lastCodeTo(SmsSignInTest.ALICE_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode(), "a report-only block lets alice in");

        EventRepresentation login = lastEvent(userId("alice"), "LOGIN");
        assertEquals("none", login.getDetails().get("mfa_access"));
        assertEquals(REPORT_POLICY + "=block", login.getDetails().get("mfa_report_only"));
    }

    @Test
    public void signInFrequencyAsksAgainWithinTheSsoSession() {
        AccessPolicyConfig.set(realm, STAFF_POLICY, Map.of("sign-in-frequency", "1"));
        realm.updateWithCleanup(r -> {
            r.build().setSsoSessionIdleTimeout(86400);
            return r;
        });
        submitPassword("sam", "sam");
        smsPage.enterCode(Outbox.lastCodeTo(SAM_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());

        int before = Outbox.countTo(SAM_PHONE);
        oauth.openLoginForm();
        assertNotNull(oauth.parseLoginResponse().getCode(), "within the hour: single sign-on, no new code");
        assertEquals(before, Outbox.countTo(SAM_PHONE));

        clock.set(Duration.ofMinutes(61));
        oauth.openLoginForm();
        smsPage.assertCurrent();
        assertEquals(before + 1, Outbox.countTo(SAM_PHONE), "after an hour the SSO session needs a new code");
        smsPage.enterCode(Outbox.lastCodeTo(SAM_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void aMalformedPolicyFailsClosedForTheUsersItCovers() {
        AccessPolicyConfig.set(realm, STAFF_POLICY, Map.of("networks", "198.51.100.0/33"));
        String client = mailClient();
        HttpResponse<String> sam = passwordGrant(client, "sam", "sam", OUTSIDE);
        assertEquals(400, sam.statusCode());
        assertEquals("access_denied", json(sam).get("error"), "an unreadable network blocks (not just asks) staff");
        assertEquals(200, passwordGrant(client, "sam", "sam", OFFICE).statusCode(),
                "an exclusion that can be read still holds (the office network)");
        assertEquals(200, passwordGrant(client, "alice", "alice", OUTSIDE).statusCode(), "alice is not covered");
    }

    @Test
    public void aPolicyNamingAGroupThatIsGoneBlocksEveryoneItCouldMean() {
        AccessPolicyConfig.set(realm, STAFF_POLICY, Map.of("include-groups", "/staff-renamed"));
        HttpResponse<String> alice = passwordGrant(mailClient(), "alice", "alice", OUTSIDE);
        assertEquals(400, alice.statusCode());
        assertEquals("access_denied", json(alice).get("error"));
    }

    @Test
    public void aNewPolicySavedUntouchedFromTheAdminConsoleNeverLetsAPasswordAloneIn() {
        // Add execution -> Conditional access: policy, open its settings, type an alias, Save (nothing picked)
        var flows = realm.admin().flows();
        flows.addExecution(AccessPolicyConfig.BROWSER_FLOW, Map.of("provider", "mfa-access-policy"));
        var step = flows.getExecutions(AccessPolicyConfig.BROWSER_FLOW).stream()
                .filter(e -> "mfa-access-policy".equals(e.getProviderId()) && e.getAuthenticationConfig() == null)
                .findFirst().orElseThrow();
        realm.cleanup().add(r -> r.flows().removeExecution(step.getId()));
        step.setRequirement("REQUIRED");
        flows.updateExecutions(AccessPolicyConfig.BROWSER_FLOW, step);
        Map<String, String> untouched = ConsoleForm.untouched(flows, "mfa-access-policy");
        assertEquals("", untouched.get("grant"), "the grant list offers no usable first option");
        var config = new org.keycloak.representations.idm.AuthenticatorConfigRepresentation();
        config.setAlias("new policy");
        config.setConfig(untouched);
        try (Response created = flows.newExecutionConfig(step.getId(), config)) {
            assertEquals(201, created.getStatus());
        }

        submitPassword("alice", "alice");
        deniedPage.assertCurrent(); // a policy without a grant blocks whom it covers (everyone here)
        assertEquals("new policy", deniedPage.detail("policy"));
        EventRepresentation error = lastEvent(userId("alice"), "LOGIN_ERROR");
        assertEquals("block", error.getDetails().get("mfa_access"));
        assertTrue(error.getDetails().get("mfa_policies").contains("new policy"), error.getDetails().toString());
    }

    // --- helpers ----------------------------------------------------------------------------------------

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

    /** Lets the test's OAuth callback be a redirect target of a demo client. */
    private void allowTestRedirect(String clientId) {
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        List<String> original = client.getRedirectUris();
        client.setRedirectUris(List.of("*"));
        realm.admin().clients().get(client.getId()).update(client);
        realm.cleanup().add(r -> {
            ClientRepresentation restore = r.clients().findByClientId(clientId).get(0);
            restore.setRedirectUris(original);
            r.clients().get(restore.getId()).update(restore);
        });
    }

    /** Sets the requirement of the browser flow's execution of an authenticator; the cleanup puts it back. */
    private void setRequirement(String authenticator, String requirement) {
        var flows = realm.admin().flows();
        var step = flows.getExecutions(AccessPolicyConfig.BROWSER_FLOW).stream()
                .filter(e -> authenticator.equals(e.getProviderId())).findFirst().orElseThrow();
        String original = step.getRequirement();
        step.setRequirement(requirement);
        flows.updateExecutions(AccessPolicyConfig.BROWSER_FLOW, step);
        realm.cleanup().add(r -> {
            step.setRequirement(original);
            r.flows().updateExecutions(AccessPolicyConfig.BROWSER_FLOW, step);
        });
    }

    private String staffUser(String groupPath) {
        String id = DemoUsers.create(realm, DemoUsers.uniqueName("staff"), List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath(groupPath).getId());
        return realmUsername(id);
    }

    private String realmUsername(String id) {
        return realm.admin().users().get(id).toRepresentation().getUsername();
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
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
                .header("X-Forwarded-Proto", "https") // as a TLS-terminating proxy says: the realm requires it
                .POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(Map.of("grant_type", "password",
                        "client_id", clientId, "username", username, "password", password, "scope", "openid"))))
                .build();
        return HttpCalls.send(request);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> json(HttpResponse<String> response) {
        return (Map) HttpCalls.json(response);
    }
}
