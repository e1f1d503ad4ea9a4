package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.annotations.InjectPage;

/** A user registers a phone: prompted at sign-in, or from the Account Console's "Set up". */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class PhoneRegistrationTest extends DemoRealmTest {

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    PhoneRegisterPage registerPage;

    @Test
    public void promptedAtSignInTheUserProvesTheNumberBeforeItIsStored() {
        String user = DemoUsers.uniqueName("prompted");
        String userId = createUser(user, "mfa-phone-register");
        String phone = DemoUsers.uniquePhone();

        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertEquals("Register your phone", registerPage.title());

        registerPage.enterNumber("12345");
        assertTrue(registerPage.numberError().contains("valid phone number"), registerPage.numberError());
        registerPage.enterNumber("+46 8 123 456 78");
        assertTrue(registerPage.numberError().contains("cannot receive text messages"), registerPage.numberError());
        assertTrue(phoneCredentials(userId).isEmpty(), "nothing stored before the code is entered");

        registerPage.enterNumber(spaced(phone));
        registerPage.assertVerifyPage();
        assertTrue(registerPage.verifyIntro().contains(spaced(phone)), "the number just typed, in full: " + registerPage.verifyIntro());
        assertTrue(registerPage.verifyIntro().contains("6-digit") && registerPage.verifyIntro().contains("5 minutes"),
                "states the code's length and lifetime: " + registerPage.verifyIntro());
        assertTrue(Outbox.lastMessageTo(phone).path("text").asText().contains("to add this phone to your MFA Suite demo account"), Outbox.lastMessageTo(phone).path("text").asText());
        String code = Outbox.lastCodeTo(phone);
        registerPage.enterCode(SmsSignInTest.wrong(code));
        assertTrue(registerPage.codeError().contains("2 more tries"), registerPage.codeError());
        assertTrue(phoneCredentials(userId).isEmpty());

        registerPage.enterCode(code);
        String added = registerPage.confirmAdded();
        assertTrue(added.contains("+46 70") && added.contains("was added"), added);
        assertNotNull(oauth.parseLoginResponse().getCode(), "sign-in continues once the phone is registered");
        List<CredentialRepresentation> phones = phoneCredentials(userId);
        assertEquals(1, phones.size());
        assertTrue(phones.get(0).getCredentialData().contains(phone), "stored in E.164");
        assertTrue(phones.get(0).getUserLabel().contains("•"), "labelled masked: " + phones.get(0).getUserLabel());

        List<EventRepresentation> updates = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId, null, null, null, 0, 5);
        assertEquals("mfa-phone", updates.get(0).getDetails().get("credential_type"));
    }

    /** A number from a country the realm does not allow: the refusal names the countries that are (demo: Sweden only). */
    @Test
    public void aNumberFromANotAllowedCountryIsToldWhichCountriesAre() {
        promptedUserOnTheNumberPage("country");
        registerPage.enterNumber("+49 151 23456789");
        assertEquals("Numbers in that country cannot be used here. Enter a number from Sweden.", registerPage.numberError().trim());
    }

    @Test
    public void anExpiredRegistrationCodeIsRefusedAndNothingIsStored() {
        // shorter than Keycloak's 5-minute limit for a required-action page, which would restart the sign-in
        SmsStepConfig.setRealmRules(realm, Map.of("code-ttl", "60"));
        String userId = promptedUserOnTheNumberPage("expired");
        String phone = DemoUsers.uniquePhone();
        registerPage.enterNumber(phone);
        registerPage.assertVerifyPage();

        clock.set(61);
        registerPage.enterCode(Outbox.lastCodeTo(phone));

        registerPage.assertVerifyPage();
        assertTrue(registerPage.codeError().contains("expired"), registerPage.codeError());
        assertTrue(phoneCredentials(userId).isEmpty());
    }

    @Test
    public void threeWrongEntriesUseUpTheRegistrationCode() {
        String userId = promptedUserOnTheNumberPage("usedup");
        String phone = DemoUsers.uniquePhone();
        registerPage.enterNumber(phone);
        String code = Outbox.lastCodeTo(phone);
        for (int i = 0; i < 3; i++) {
            registerPage.enterCode(SmsSignInTest.wrong(code));
        }
        assertTrue(registerPage.codeError().contains("Too many wrong tries"), registerPage.codeError());

        registerPage.enterCode(code);

        assertTrue(registerPage.codeError().contains("Too many wrong tries"), "the right code comes too late: " + registerPage.codeError());
        assertTrue(phoneCredentials(userId).isEmpty());
    }

    @Test
    public void numbersTypedInARowWaitForTheResendDelayAndStopAtTheSendLimit() {
        promptedUserOnTheNumberPage("pump");
        String phone = DemoUsers.uniquePhone();
        registerPage.enterNumber(phone);
        registerPage.assertVerifyPage();
        registerPage.changeNumber();

        registerPage.assertCurrent();
        assertFalse(registerPage.canSend(), "the next number waits out the resend delay: the button counts down");
        assertEquals(1, Outbox.countTo(phone));

        for (int sent = 2; sent <= 5; sent++) {
            clock.set(31 * (sent - 1));
            registerPage.refresh();
            registerPage.enterNumber(phone);
            registerPage.assertVerifyPage();
            assertEquals(sent, Outbox.countTo(phone));
            registerPage.changeNumber();
        }
        clock.set(31 * 5);
        registerPage.refresh();
        registerPage.assertCurrent();
        assertFalse(registerPage.canSend(), "five codes in five minutes, as at sign-in: the button waits for the oldest to age out");
        assertEquals(5, Outbox.countTo(phone));
    }

    @Test
    public void aHostileNumberIsEchoedEscaped() {
        promptedUserOnTheNumberPage("xss");
        String hostile = "\"><img src=x onerror=alert(1)>";

        HttpResponse<String> page = FormPost.of(driver, "mfa-phone-register-form").post(Map.of("phoneNumber", hostile, "mfa-action", "send"));

        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("input-error-phoneNumber"), "refused as a number: " + html);
        assertFalse(html.contains("<img src=x"), "no element injected: " + html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "echoed as text: " + html);
    }

    @Test
    public void accountConsoleListsPhonesWithSetUpAndRemove() throws Exception {
        String user = DemoUsers.uniqueName("console");
        createUser(user);
        String token = oauth.doPasswordGrantRequest(user, DemoUsers.PASSWORD).getAccessToken();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/account/credentials"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode phoneType = null;
        for (JsonNode type : new ObjectMapper().readTree(response.body())) {
            if ("mfa-phone".equals(type.path("type").asText())) {
                phoneType = type;
            }
        }
        assertNotNull(phoneType, "mfa-phone listed: " + response.body());
        assertEquals("mfa-phone-register", phoneType.path("createAction").asText());
        assertTrue(phoneType.path("removeable").asBoolean(), phoneType.toString());
        assertEquals("two-factor", phoneType.path("category").asText());
    }

    @Test
    public void setUpFromTheAccountConsoleRunsAsAnApplicationInitiatedAction() {
        String user = DemoUsers.uniqueName("aia");
        String userId = createUser(user);
        String phone = DemoUsers.uniquePhone();

        oauth.loginForm().kcAction("mfa-phone-register").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        registerPage.assertCurrent();
        registerPage.enterNumber(phone);
        registerPage.enterCode(Outbox.lastCodeTo(phone));
        registerPage.confirmAdded();

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(1, phoneCredentials(userId).size());
    }

    @Test
    public void cancellingTheSetUpStoresNothing() {
        String user = DemoUsers.uniqueName("cancel");
        String userId = createUser(user);

        oauth.loginForm().kcAction("mfa-phone-register").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        registerPage.assertCurrent();
        registerPage.cancel();

        assertTrue(driver.getCurrentUrl().contains("kc_action_status=cancelled"), driver.getCurrentUrl());
        assertTrue(phoneCredentials(userId).isEmpty());
    }

    @Test
    public void aNumberAlreadyRegisteredIsRefusedAndAnotherCanBeAdded() {
        String first = DemoUsers.uniquePhone();
        String second = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("dup");
        String userId = DemoUsers.withPhones(realm, user, false, first);

        oauth.loginForm().kcAction("mfa-phone-register").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.assertCurrent();
        smsPage.enterCode(Outbox.lastCodeTo(first));
        registerPage.assertCurrent();
        assertEquals("Add a phone", registerPage.title(), "a user with a phone adds one");
        assertFalse(registerPage.canSend(), "the sign-in code went out seconds ago: the button waits, counting down");

        clock.set(31);
        registerPage.refresh();
        registerPage.enterNumber(first);
        assertTrue(registerPage.numberError().contains("already registered"), registerPage.numberError());
        registerPage.enterNumber(spaced(second).replace("+46 ", "0"));
        registerPage.assertVerifyPage();
        assertEquals(1, Outbox.countTo(second), "the demo's default region SE lets users type national numbers");
        registerPage.changeNumber();
        registerPage.assertCurrent();
        assertEquals(spaced(second), registerPage.typedNumber(), "the number stays in the field to fix a typo");
        clock.set(62);
        registerPage.refresh();
        registerPage.enterNumber(second);
        registerPage.enterCode(Outbox.lastCodeTo(second));
        registerPage.confirmAdded();

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(2, phoneCredentials(userId).size());
    }

    @Test
    public void theAdminSetsHowManyPhonesAUserMayHave() {
        SmsStepConfig.setRealmRules(realm, Map.of("max-phones", "1"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("limit");
        DemoUsers.withPhones(realm, user, false, phone);

        oauth.loginForm().kcAction("mfa-phone-register").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        registerPage.assertCurrent();

        assertTrue(registerPage.fullMessage().contains("1 phone registered"), "said before a number is typed: "
                + registerPage.fullMessage());
        assertFalse(registerPage.hasSendButton(), "no button that must fail");
    }

    @Test
    public void aUserPromptedAtThePhoneLimitCanGoOnInsteadOfBeingStuck() {
        SmsStepConfig.setRealmRules(realm, Map.of("max-phones", "1"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("full");
        DemoUsers.create(realm, user, List.of("mfa-phone-register"), false, phone);

        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        registerPage.assertCurrent();
        assertTrue(registerPage.fullMessage().contains("1 phone registered"), registerPage.fullMessage());
        assertFalse(registerPage.hasSendButton());

        registerPage.continueWithoutAdding();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with the phone the user has");
    }

    @Test
    public void badRegistrationSettingsAreRefusedWhenSaved() {
        RequiredActionConfigRepresentation config = new RequiredActionConfigRepresentation();
        config.setConfig(Map.of("code-length", "4"));
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> realm.admin().flows().updateRequiredActionConfig("mfa-phone-register", config),
                "a 4-digit code is below the 20-bit minimum");
        String body = refused.getResponse().readEntity(String.class);
        assertTrue(body.contains("Code length (code-length) must be a whole number from 6 to 8"), "names the field: " + body);
    }

    /** A new user asked to register a phone at sign-in, on the number page. Returns the user id. */
    private String promptedUserOnTheNumberPage(String prefix) {
        String user = DemoUsers.uniqueName(prefix);
        String userId = createUser(user, "mfa-phone-register");
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        return userId;
    }

    private String createUser(String username, String... requiredActions) {
        return DemoUsers.create(realm, username, List.of(requiredActions), false);
    }

    private List<CredentialRepresentation> phoneCredentials(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "mfa-phone".equals(c.getType())).toList();
    }

    /** How people type numbers: +46 70 123 45 67. */
    private static String spaced(String e164) {
        return e164.substring(0, 3) + " " + e164.substring(3, 5) + " " + e164.substring(5, 8) + " "
                + e164.substring(8, 10) + " " + e164.substring(10);
    }
}
