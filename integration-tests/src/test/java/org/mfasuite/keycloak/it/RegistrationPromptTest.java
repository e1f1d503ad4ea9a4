package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.openqa.selenium.By;

/**
 * The "register a method" prompt ({@code mfa-register}) in the demo realm: required by conditional access (dave),
 * a registration campaign for /pilot with "Not now" counted and expiring on Keycloak's clock (carol), methods taken
 * out of the flow, the default method, and a user who must register but cannot.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class RegistrationPromptTest extends DemoRealmTest {

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    RegisterPage registerPage;

    @InjectPage
    PhoneRegisterPage phonePage;

    @InjectPage
    AccessDeniedPage deniedPage;

    @AfterEach
    void clockBack() {
        if (clock.get() != 0) {
            clock.set(0);
        }
    }

    @Test
    public void daveMustRegisterAndCannotSkipIt() {
        submitPassword("dave", "dave"); // /staff, from outside the office network: a second factor is required
        registerPage.assertCurrent();
        assertEquals("Set up a second sign-in method", registerPage.title());
        assertTrue(registerPage.intro().contains("requires"), registerPage.intro());
        assertTrue(registerPage.methods().containsAll(List.of("mfa-phone", "otp", "webauthn")),
                registerPage.methods().toString());
        assertEquals("mfa-phone", registerPage.methods().get(0));
        assertFalse(registerPage.canSnooze());

        HttpResponse<String> skipped = FormPost.of(driver, "mfa-register-form").post(Map.of("mfa-action", "snooze"));
        assertFalse(FormPost.signsIn(skipped), "\"Not now\" is refused when registration is required");
        assertTrue(skipped.body().contains("login-mfa-register"));
        registerPage.refresh(); // the browser's page is older than the one that post got
        registerPage.assertCurrent();

        String phone = DemoUsers.uniquePhone();
        registerPhone(phone);
        assertNotNull(oauth.parseLoginResponse().getCode(), "registering counts as this sign-in's second factor");
        String dave = RegistrationSteps.userId(realm, "dave");
        realm.cleanup().add(r -> r.users().get(dave).credentials().stream()
                .filter(c -> !"password".equals(c.getType())).forEach(c -> r.users().get(dave).removeCredential(c.getId())));
        assertEquals(List.of("mfa-phone", "password"), RegistrationSteps.credentialTypes(realm, dave),
                "the only method is the default: first in the user's order");
    }

    /**
     * The prompt describes every method in its own words, for setting one up, in one style and capitalisation —
     * not Keycloak's sign-in texts ("Enter a recovery authentication code from a previously generated list" to a
     * user who has no list yet) — in each shipped language.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "sv", "nl", "de"})
    public void thePromptDescribesEachMethodInItsOwnWordsInEveryLanguage(String locale) throws Exception {
        java.util.Properties messages = TranslationTest.bundle(locale);
        String staff = DemoUsers.uniqueName("words-" + locale);
        String id = DemoUsers.create(realm, staff, List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());
        driver.driver().manage().deleteAllCookies();
        oauth.loginForm().uiLocales(locale).open();
        loginPage.fillLogin(staff, DemoUsers.PASSWORD);
        loginPage.submit();
        registerPage.assertCurrent();
        assertTrue(registerPage.methods().containsAll(List.of("mfa-phone", "mfa-push-device", "otp", "webauthn",
                "recovery-authn-codes")), registerPage.methods().toString());
        for (String type : registerPage.methods()) {
            org.openqa.selenium.WebElement button = driver.findElement(By.id("mfa-register-" + type));
            assertEquals(messages.getProperty("mfa-register-method-" + type), button.getText().trim(), type);
            String hint = button.findElement(By.xpath("following-sibling::p")).getText().trim();
            assertEquals(messages.getProperty("mfa-register-method-" + type + "-hint"), hint, type);
        }
        String page = driver.driver().getPageSource();
        for (String keycloaks : List.of("previously generated", "Authenticator Application", "Recovery Authentication Codes",
                "Use your Passkey", "verification code from")) {
            assertFalse(page.contains(keycloaks), keycloaks);
        }
    }

    @Test
    public void carolsCampaignCanBeSnoozedThreeTimesThenIsRequired() {
        submitPassword("carol", "carol");
        registerPage.assertCurrent();
        assertTrue(registerPage.intro().contains("Help keep your account safe"), registerPage.intro());
        assertEquals("Not now (3 left)", registerPage.snoozeLabel());
        registerPage.snooze();
        assertNotNull(oauth.parseLoginResponse().getCode(), "\"Not now\" signs carol in");
        EventRepresentation snoozed = lastEvent(RegistrationSteps.userId(realm, "carol"), "CUSTOM_REQUIRED_ACTION");
        assertEquals("snoozed", snoozed.getDetails().get("mfa_result"));

        signOut();
        submitPassword("carol", "carol");
        assertNotNull(oauth.parseLoginResponse().getCode(), "within the snooze (1 day): not asked");

        for (int day = 1; day <= 2; day++) {
            clock.set(Duration.ofDays(day).plusMinutes(day));
            signOut();
            submitPassword("carol", "carol");
            registerPage.assertCurrent();
            assertEquals("Not now (" + (3 - day) + " left)", registerPage.snoozeLabel(), "day " + day);
            registerPage.snooze();
            assertNotNull(oauth.parseLoginResponse().getCode());
        }

        clock.set(Duration.ofDays(3).plusMinutes(3));
        signOut();
        submitPassword("carol", "carol");
        registerPage.assertCurrent();
        assertFalse(registerPage.canSnooze(), "after max-snoozes (3) registration is required");
        assertTrue(driver.findElement(By.id("mfa-register-required")).getText().contains("need to set up"));
        registerPhone(DemoUsers.uniquePhone());
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void theCampaignCoversItsGroupOnlyAndOnlyUsersWithoutAMethod() {
        String outside = DemoUsers.uniqueName("nopilot");
        DemoUsers.create(realm, outside, List.of(), false);
        submitPassword(outside, DemoUsers.PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode(), "not in /pilot: not asked");

        signOut();
        String phone = DemoUsers.uniquePhone();
        String member = DemoUsers.uniqueName("pilot");
        String memberId = DemoUsers.withPhones(realm, member, false, phone);
        realm.admin().users().get(memberId).joinGroup(realm.admin().getGroupByPath("/pilot").getId());
        submitPassword(member, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode(), "in /pilot with a phone: nothing to register");

        signOut();
        String newcomer = DemoUsers.uniqueName("pilot");
        String newcomerId = DemoUsers.create(realm, newcomer, List.of(), false);
        realm.admin().users().get(newcomerId).joinGroup(realm.admin().getGroupByPath("/pilot").getId());
        HttpResponse<String> grant = new AdminApi(realm, urls).passwordGrant(newcomer, DemoUsers.PASSWORD);
        assertEquals(200, grant.statusCode(), "a campaign never fails the password grant: " + grant.body());
        submitPassword(newcomer, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertTrue(registerPage.canSnooze());
    }

    @Test
    public void aMethodTakenOutOfTheFlowMustBeReplacedAndIsNoLongerUsed() {
        String user = DemoUsers.uniqueName("otp-only");
        String userId = DemoUsers.create(realm, user, List.of(), true);
        RegistrationSteps.setSecondFactorStep(realm, "auth-otp-form", "DISABLED");

        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertTrue(registerPage.intro().contains("no longer available"), registerPage.intro());
        assertFalse(registerPage.methods().contains("otp"), "the withdrawn method is not offered");
        assertFalse(registerPage.canSnooze());
        String phone = DemoUsers.uniquePhone();
        registerPhone(phone);
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("mfa-phone", RegistrationSteps.credentialTypes(realm, userId).get(0), "the new method is the default");

        signOut();
        int before = Outbox.countTo(phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertEquals(before + 1, Outbox.countTo(phone), "the phone is used; the withdrawn app is not offered");
        assertFalse(driver.driver().getPageSource().contains("Authenticator Application"));
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void afterASecondMethodTheUserPicksTheDefault() {
        String user = DemoUsers.uniqueName("default");
        String userId = DemoUsers.create(realm, user, List.of("mfa-register"), true);
        submitPassword(user, DemoUsers.PASSWORD);
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, clock.get()));
        driver.findElement(By.id("kc-login")).click();

        registerPage.assertCurrent();
        assertFalse(registerPage.methods().contains("otp"), "what the user has is not offered again");
        assertFalse(registerPage.canSnooze(), "set by an admin: required");
        String phone = DemoUsers.uniquePhone();
        registerPhone(phone);

        registerPage.assertCurrent();
        assertEquals("Choose your default method", registerPage.title());
        List<String> defaults = registerPage.defaults();
        assertEquals(2, defaults.size(), defaults.toString());
        assertTrue(defaults.get(1).contains("Text message (SMS)") && defaults.get(1).contains("•"), defaults.toString());
        registerPage.chooseDefault(1);
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("mfa-phone", RegistrationSteps.credentialTypes(realm, userId).get(0));

        signOut();
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent(); // the default is offered first
    }

    @Test
    public void aUserWhoMustRegisterButCannotIsToldWhomToContact() {
        AccessPolicyConfig.set(realm, ConditionalAccessTest.STAFF_POLICY, Map.of("grant", "phishing-resistant"));
        RegistrationSteps.setRequiredAction(realm, "webauthn-register", false);
        String staff = DemoUsers.uniqueName("staff");
        String id = DemoUsers.create(realm, staff, List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());

        submitPassword(staff, DemoUsers.PASSWORD);
        deniedPage.assertCurrent();
        assertEquals("Set up a second sign-in method first", deniedPage.title());
        assertTrue(deniedPage.helpdesk().contains("helpdesk@example.org"), deniedPage.helpdesk());
        assertEquals("mfa_no_method", deniedPage.detail("error"));
    }

    @Test
    public void aPromptWithNothingToOfferNamesTheHelpdeskAndLetsNobodyThrough() {
        for (String action : List.of("mfa-phone-register", "CONFIGURE_TOTP", "webauthn-register",
                "CONFIGURE_RECOVERY_AUTHN_CODES", "mfa-push-enroll")) {
            RegistrationSteps.setRequiredAction(realm, action, false);
        }
        String user = DemoUsers.uniqueName("stuck");
        DemoUsers.create(realm, user, List.of("mfa-register"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertTrue(registerPage.isContactPage());
        assertEquals("Contact your administrator", registerPage.title());
        assertTrue(driver.findElement(By.id("mfa-helpdesk")).getText().contains("helpdesk@example.org"));
        assertTrue(driver.findElement(By.id("mfa-support-reference")).getText().matches("[0-9A-Z]{4}-[0-9A-Z]{4}"));
        registerPage.refresh();
        registerPage.assertCurrent();
        assertFalse(driver.getCurrentUrl().contains("code="), "never a silent pass");
    }

    @Test
    public void thePromptInEnglishSwedishDutchAndGerman() {
        Map<String, String> titles = Map.of("en", "Set up a second sign-in method",
                "sv", "Konfigurera ett andra inloggningssätt", "nl", "Stel een tweede inlogmethode in",
                "de", "Richten Sie eine zweite Anmeldemethode ein");
        Map<String, String> snooze = Map.of("en", "Not now (3 left)", "sv", "Inte nu (3 kvar)",
                "nl", "Niet nu (nog 3)", "de", "Nicht jetzt (noch 3)");
        for (String locale : List.of("en", "sv", "nl", "de")) {
            signOut();
            String user = DemoUsers.uniqueName("pilot-" + locale);
            String id = DemoUsers.create(realm, user, List.of(), false);
            realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/pilot").getId());
            oauth.loginForm().uiLocales(locale).open();
            loginPage.fillLogin(user, DemoUsers.PASSWORD);
            loginPage.submit();
            registerPage.assertCurrent();
            assertEquals(titles.get(locale), registerPage.title(), locale);
            assertEquals(snooze.get(locale), registerPage.snoozeLabel(), locale);
        }
        signOut();
    }

    @Test
    public void thePromptUnderTheClassicLoginTheme() {
        realm.updateWithCleanup(r -> {
            r.build().setLoginTheme("keycloak");
            return r;
        });
        String user = DemoUsers.uniqueName("classic");
        String id = DemoUsers.create(realm, user, List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/pilot").getId());
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertEquals("Set up a second sign-in method", registerPage.title());
        assertTrue(registerPage.methods().contains("mfa-phone"), registerPage.methods().toString());
        registerPage.snooze();
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void withThePromptDisabledTheGateFallsBackToThePhoneRegistration() {
        RegistrationSteps.setRequiredAction(realm, "mfa-register", false);
        String staff = DemoUsers.uniqueName("staff");
        String id = DemoUsers.create(realm, staff, List.of(), false);
        realm.admin().users().get(id).joinGroup(realm.admin().getGroupByPath("/staff").getId());
        submitPassword(staff, DemoUsers.PASSWORD);
        phonePage.assertCurrent();
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** On the prompt: picks the phone, registers the number and leaves the "Phone added" page. */
    private void registerPhone(String phone) {
        registerPage.choose("mfa-phone");
        phonePage.assertCurrent();
        phonePage.enterNumber(phone);
        phonePage.enterCode(Outbox.lastCodeTo(phone));
        phonePage.confirmAdded();
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
}
