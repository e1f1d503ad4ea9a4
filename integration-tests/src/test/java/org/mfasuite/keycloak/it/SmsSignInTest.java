package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.page.SelectAuthenticatorPage;

/** Signing in with an SMS code in the demo realm, as a user meets it. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SmsSignInTest extends DemoRealmTest {

    static final String ALICE_PHONE = "+46701234567";

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    SelectAuthenticatorPage selectPage;

    @Test
    public void aliceSignsInWithTheCodeSentByTheDevGateway() {
        int before = Outbox.countTo(ALICE_PHONE);
        signInWithPassword("alice", "alice");

        assertEquals(before + 1, Outbox.countTo(ALICE_PHONE), "entering the step sends one code");
        assertTrue(smsPage.sentTo().contains("+46 70•••••67"), smsPage.sentTo());
        smsPage.enterCode(Outbox.lastCodeTo(ALICE_PHONE));

        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in: the client got an authorization code");
    }

    @Test
    public void refreshingThePageDoesNotSendAnotherCode() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String code = Outbox.lastCodeTo(phone);

        driver.driver().navigate().refresh();
        smsPage.assertCurrent();
        assertEquals(1, Outbox.countTo(phone));

        smsPage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void wrongCodeIsALoginFailureAndSaysHowManyTriesAreLeft() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);

        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));

        smsPage.assertCurrent();
        assertTrue(smsPage.codeError().contains("2 more tries"), smsPage.codeError());
        assertEquals(1, failures(bruteForceStatus(userId, s -> failures(s) >= 1)),
                "Keycloak's brute-force protector counted the wrong code");
        EventRepresentation error = lastEvent(userId, "LOGIN_ERROR");
        assertEquals("invalid_user_credentials", error.getError());
        assertEquals("sms", error.getDetails().get("mfa_method"));
        assertEquals("wrong", error.getDetails().get("mfa_result"));
    }

    @Test
    public void threeWrongCodesUseUpTheCodeAndANewCodeWorks() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String title = smsPage.title();
        String first = Outbox.lastCodeTo(phone);
        for (int i = 0; i < 3; i++) {
            smsPage.enterCode(wrong(first));
        }
        assertTrue(smsPage.alert().contains("Too many wrong tries"), smsPage.alert());
        assertEquals(1, occurrences(driver.driver().getPageSource(), "Too many wrong tries"), "said once, not twice");
        assertEquals(title, smsPage.title(), "one title in every state");
        assertFalse(smsPage.hasCodeField(), "a used-up code can only be replaced, not retried");
        assertFalse(smsPage.canSend(), "the resend delay still runs: the button waits instead of failing");

        clock.set(31);
        smsPage.refresh();
        assertTrue(smsPage.canSend(), "after the delay a refresh enables it (no JavaScript needed)");
        smsPage.resend();
        assertEquals(2, Outbox.countTo(phone));
        assertTrue(smsPage.alert().contains("new code"), smsPage.alert());
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void aTypoCostsNoTry() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);

        smsPage.enterCode("12ab");
        assertTrue(smsPage.codeError().contains("Enter the 6-digit code"), smsPage.codeError());
        smsPage.enterCode("");
        assertTrue(smsPage.codeError().contains("Enter the 6-digit code"), smsPage.codeError());
        assertEquals(0, ((Number) realm.admin().attackDetection().bruteForceUserStatus(userId).get("numFailures")).intValue());

        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));
        assertTrue(smsPage.codeError().contains("2 more tries"), "the typos were not counted: " + smsPage.codeError());
    }

    @Test
    public void expiredCodeIsRefused() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);

        clock.set(301);
        smsPage.enterCode(Outbox.lastCodeTo(phone));

        smsPage.assertCurrent();
        assertTrue(smsPage.codeError().contains("expired"), smsPage.codeError());
    }

    @Test
    public void aCodeFromAnEarlierSignInIsJustAWrongCodeInTheNext() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String used = Outbox.lastCodeTo(phone);
        smsPage.enterCode(used);
        assertNotNull(oauth.parseLoginResponse().getCode());

        realm.admin().logoutAll();
        clock.set(31);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String fresh = Outbox.lastCodeTo(phone);
        if (!fresh.equals(used)) {
            smsPage.enterCode(used);
            assertTrue(smsPage.codeError().contains("not right"), smsPage.codeError());
        }
        smsPage.enterCode(fresh);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void theSameCodeFormPostedTwiceSignsInOnce() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);
        FormPost form = FormPost.of(driver, "mfa-sms-form");
        Map<String, String> code = Map.of("code", Outbox.lastCodeTo(phone));

        HttpResponse<String> first = form.post(code);
        HttpResponse<String> second = form.post(code);

        assertTrue(FormPost.signsIn(first), "the first post signs in: " + first.statusCode() + " " + first.headers().map());
        assertFalse(FormPost.signsIn(second), "the same post again does not: " + second.headers().map());
        assertEquals(1, realm.admin().getEvents(List.of("LOGIN"), null, userId, null, null, null, 0, 10).size(),
                "one sign-in recorded");
    }

    @Test
    public void theSameCodePostedTwiceAtOnceSignsInOnce() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);
        FormPost form = FormPost.of(driver, "mfa-sms-form");
        Map<String, String> code = Map.of("code", Outbox.lastCodeTo(phone));

        List<HttpResponse<String>> responses = Stream.of(form.postAsync(code), form.postAsync(code))
                .map(CompletableFuture::join).toList();

        assertEquals(1, responses.stream().filter(FormPost::signsIn).count(),
                "exactly one of two parallel posts signs in: " + responses.stream().map(HttpResponse::statusCode).toList());
        assertEquals(1, realm.admin().getEvents(List.of("LOGIN"), null, userId, null, null, null, 0, 10).size());
    }

    @Test
    public void resendWaitsThirtySecondsAndSendsAtMostFiveCodesInFiveMinutes() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        assertFalse(smsPage.canSend(), "'Send a new code' waits out the 30 s delay, disabled");
        assertTrue(driver.driver().getPageSource().contains("data-mfa-wait"), "and counts down");

        for (int sent = 2; sent <= 5; sent++) {
            clock.set(31 * (sent - 1));
            smsPage.refresh();
            smsPage.resend();
            assertEquals(sent, Outbox.countTo(phone));
        }
        clock.set(31 * 5);
        smsPage.refresh();
        assertFalse(smsPage.canSend(), "five codes in five minutes: the button waits for the oldest to age out");
        assertEquals(5, Outbox.countTo(phone));

        clock.set(300 + 1);
        smsPage.refresh();
        smsPage.resend();
        assertEquals(6, Outbox.countTo(phone), "the first code left the window");
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void aSendThatComesTooSoonIsExplainedNotFailed() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        // A page rendered when a send was possible, used before the delay ran out (as when another tab sent
        // meanwhile): Keycloak's clock goes forward to render it, then back to 10 s after the first code.
        clock.set(31);
        smsPage.refresh();
        clock.set(10);
        smsPage.resend();

        assertEquals(1, Outbox.countTo(phone), "nothing sent while the delay runs");
        java.util.regex.Matcher said = java.util.regex.Pattern
                .compile("A code was sent to you (\\d+) seconds ago\\. .* you can ask for a new one in (\\d+) seconds")
                .matcher(smsPage.alert());
        assertTrue(said.find(), smsPage.alert());
        assertEquals(30, Integer.parseInt(said.group(1)) + Integer.parseInt(said.group(2)), "ago + wait = the 30 s delay");
        assertTrue(driver.driver().getPageSource().contains("pf-m-info"), "information, not an error");
        assertTrue(smsPage.hasCodeField(), "the code already sent can still be entered");
    }

    @Test
    public void aNewSignInAtTheSendLimitIsToldWhyAndWhenNotOfferedAFailingButton() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        for (int i = 0; i < 5; i++) {
            clock.set(i);
            realm.admin().logoutAll();
            driver.driver().manage().deleteAllCookies();
            signInWithPassword(user, DemoUsers.PASSWORD);
        }
        assertEquals(5, Outbox.countTo(phone), "each new sign-in sent its first code at once");
        clock.set(60);
        driver.driver().manage().deleteAllCookies();
        signInWithPassword(user, DemoUsers.PASSWORD);

        assertEquals(5, Outbox.countTo(phone));
        assertTrue(smsPage.alert().contains("several codes in a short time"), smsPage.alert());
        assertTrue(smsPage.alert().contains("4 minutes"), smsPage.alert());
        assertFalse(smsPage.canSend(), "the send button waits, disabled");
        assertFalse(smsPage.hasCodeField());
    }

    @Test
    public void bruteForceProtectionLocksTheUserOutAndACorrectCodeNoLongerHelps() {
        realm.updateWithCleanup(r -> r.failureFactor(3));
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String code = Outbox.lastCodeTo(phone);
        for (int i = 0; i < 3; i++) {
            smsPage.enterCode(wrong(code));
        }
        Map<String, Object> status = bruteForceStatus(userId, s -> Boolean.TRUE.equals(s.get("disabled")));
        assertEquals(Boolean.TRUE, status.get("disabled"), "locked after 3 failures: " + status);

        clock.set(31);
        smsPage.refresh();
        smsPage.resend();
        assertEquals(1, Outbox.countTo(phone), "no SMS is sent to a locked-out user");
        smsPage.enterCode(code);
        smsPage.assertCurrent();
        assertTrue(smsPage.codeError().contains("not right"), "the lock-out is not revealed: " + smsPage.codeError());
        assertFalse(driver.getCurrentUrl().contains("code="), "still not signed in");
    }

    @Test
    public void aUserWithAnAuthenticatorAppPaysNoSmsToReachIt() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("otp");
        DemoUsers.withPhones(realm, user, true, phone);
        signInWithPassword(user, DemoUsers.PASSWORD);

        assertEquals(0, Outbox.countTo(phone), "no SMS before the user chooses it");
        assertTrue(smsPage.ready().contains("+46 70"), smsPage.ready());
        assertEquals(java.util.List.of("Authenticator Application"), smsPage.otherWays());
        smsPage.signInAnotherWay("Authenticator Application");
        assertEquals("login-login-otp", driver.page().getCurrentPageId(), "one click to the app, no SMS");
        driver.findElement(org.openqa.selenium.By.id("kc-select-try-another-way-form")).submit();
        selectPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("Text message (SMS)"), "one name for the method");
        assertTrue(driver.driver().getPageSource().contains("fa-sms"), "with a text-message icon");
        assertTrue(driver.driver().getPageSource().contains("Authenticator Application"));
        assertEquals(0, Outbox.countTo(phone));

        selectPage.selectLoginMethod("Text message (SMS)");
        smsPage.assertCurrent();
        assertEquals(1, Outbox.countTo(phone), "picked in the list: sent at once");
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void sendCodeOnTheFirstPageSendsOnce() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("otp");
        DemoUsers.withPhones(realm, user, true, phone);
        signInWithPassword(user, DemoUsers.PASSWORD);
        smsPage.resend();
        assertEquals(1, Outbox.countTo(phone), "the first code of a sign-in needs no wait");
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void aUserWithTwoPhonesCanHaveTheCodeSentToTheOther() {
        String first = DemoUsers.uniquePhone();
        String second = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("two");
        DemoUsers.withPhones(realm, user, false, first, second);
        signInWithPassword(user, DemoUsers.PASSWORD);
        assertEquals(1, Outbox.countTo(first));

        clock.set(10);
        smsPage.sendToPhone(1);
        assertTrue(smsPage.alert().contains("you can ask for a new one in"), "switching phones is a resend: " + smsPage.alert());
        assertEquals(0, Outbox.countTo(second));

        clock.set(31);
        smsPage.sendToPhone(1);
        assertEquals(1, Outbox.countTo(second), "the other phone got a code");
        assertTrue(smsPage.sentTo().contains(second.substring(second.length() - 2)), smsPage.sentTo());
        smsPage.enterCode(Outbox.lastCodeTo(second));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void sendAndCheckAreRecordedAsEventsWithoutTheCode() {
        String phone = DemoUsers.uniquePhone();
        String user = newUser(phone);
        String userId = userId(user);
        signInWithPassword(user, DemoUsers.PASSWORD);
        String code = Outbox.lastCodeTo(phone);
        smsPage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());

        EventRepresentation send = lastEvent(userId, "CUSTOM_REQUIRED_ACTION");
        assertEquals("mfa-sms", send.getDetails().get("custom_required_action"));
        assertEquals("send", send.getDetails().get("mfa_step"));
        assertEquals("dev", send.getDetails().get("mfa_gateway"));
        assertEquals("sent", send.getDetails().get("mfa_result"));
        assertNotNull(send.getDetails().get("mfa_gateway_message_id"));
        assertTrue(send.getDetails().get("mfa_phone").contains("•"));
        EventRepresentation login = lastEvent(userId, "LOGIN");
        assertEquals("valid", login.getDetails().get("mfa_result"));
        assertEquals("mfa-phone", login.getDetails().get("credential_type"));
        for (EventRepresentation event : realm.admin().getEvents(null, null, userId, null, null, null, 0, 100)) {
            assertFalse(String.valueOf(event.getDetails()).contains(code), "an event holds the code: " + event.getType());
        }
    }

    @Test
    public void aRequiredSmsStepFailsClosedWhenPhoneRegistrationIsDisabled() {
        RealmResource admin = realm.admin();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias("password and sms");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        admin.flows().createFlow(flow).close();
        admin.flows().addExecution("password and sms", Map.of("provider", "auth-username-password-form"));
        admin.flows().addExecution("password and sms", Map.of("provider", "mfa-sms"));
        for (AuthenticationExecutionInfoRepresentation execution : admin.flows().getExecutions("password and sms")) {
            execution.setRequirement("REQUIRED");
            admin.flows().updateExecutions("password and sms", execution);
        }
        RequiredActionProviderRepresentation register = admin.flows().getRequiredAction("mfa-phone-register");
        register.setEnabled(false);
        admin.flows().updateRequiredAction("mfa-phone-register", register);
        realm.updateWithCleanup(r -> {
            r.build().setBrowserFlow("password and sms");
            return r;
        });
        realm.cleanup().add(r -> {
            RequiredActionProviderRepresentation action = r.flows().getRequiredAction("mfa-phone-register");
            action.setEnabled(true);
            r.flows().updateRequiredAction("mfa-phone-register", action);
        });
        String user = DemoUsers.uniqueName("nophone");
        DemoUsers.withPhones(realm, user, false);

        submitPassword(user, DemoUsers.PASSWORD);

        assertFalse(driver.getCurrentUrl().contains("code="), "no way in without the second factor: " + driver.getCurrentUrl());
        assertTrue(driver.driver().getPageSource().contains("credential setup required"), "Keycloak's own error page");
    }

    private void signInWithPassword(String username, String password) {
        submitPassword(username, password);
        smsPage.assertCurrent();
    }

    private String newUser(String phone) {
        return DemoUsers.withPhone(realm, "sms", phone);
    }

    /**
     * The user's brute-force status once {@code until} holds, or after 5 seconds: Keycloak records
     * failures asynchronously, after the response.
     */
    private Map<String, Object> bruteForceStatus(String userId, Predicate<Map<String, Object>> until) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        while (!until.test(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        }
        return status;
    }

    private static int failures(Map<String, Object> status) {
        return ((Number) status.get("numFailures")).intValue();
    }

    private String userId(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event for the user");
        return events.get(0);
    }

    static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    static String wrong(String code) {
        return code.startsWith("0") ? "1" + code.substring(1) : "0" + code.substring(1);
    }
}
