package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Push approval with number matching, driven by a device simulator that speaks the documented protocol: enrol,
 * approve, deny, wrong number, expiry, replays, forged signatures, removed devices, "This wasn't me", limits.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class PushApprovalTest extends DemoRealmTest {

    @InjectTimeOffSet
    TimeOffSet clock;

    /**
     * The no-JavaScript path ("Continue"), so each test decides when the page goes on. The page's script (wait,
     * then go on by itself) runs in a real browser in {@code CompanionAppTest}.
     */
    @org.junit.jupiter.api.BeforeEach
    void withoutJavaScript() {
        javaScript(false);
    }

    @org.junit.jupiter.api.AfterEach
    void javaScriptBackOn() {
        javaScript(true);
    }

    private void javaScript(boolean on) {
        ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(on);
    }

    /** A new user who must enrol a phone, enrolled through the sign-in page; signed out again. Returns the device. */
    private PushDeviceSimulator enrolledUser(String username) {
        DemoUsers.create(realm, username, List.of("mfa-push-enroll"), false);
        submitPassword(username, DemoUsers.PASSWORD);
        assertEquals("Set up push approval", driver.findElement(By.id("kc-page-title")).getText().trim());
        PushDeviceSimulator device = new PushDeviceSimulator();
        PushDeviceSimulator.Reply enrolled = device.enrol(enrolLink(), "Pixel of " + username);
        assertEquals(201, enrolled.status(), enrolled.toString());
        driver.findElement(By.id("mfa-push-enroll-continue")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after enrolling");
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        return device;
    }

    private String enrolLink() {
        return driver.findElement(By.id("mfa-push-enroll-link")).getAttribute("href");
    }

    private String shownNumber() {
        return driver.findElement(By.id("mfa-push-number")).getText().trim();
    }

    private void pressContinue() {
        List<WebElement> buttons = driver.driver().findElements(By.id("mfa-push-continue"));
        if (!buttons.isEmpty()) {
            buttons.get(0).click();
        }
    }

    private String pageMessage() {
        return driver.findElement(By.className("pf-v5-c-alert__title")).getText();
    }

    @Test
    public void enrolThenApproveByTypingTheNumber() {
        String user = DemoUsers.uniqueName("push");
        PushDeviceSimulator device = enrolledUser(user);
        CredentialRepresentation stored = realm.admin().users().search(user).get(0).getId() == null ? null
                : realm.admin().users().get(realm.admin().users().search(user).get(0).getId()).credentials().stream()
                .filter(c -> c.getType().equals("mfa-push-device")).findFirst().orElse(null);
        assertNotNull(stored, "a mfa-push-device credential");
        assertEquals("Pixel of " + user, stored.getUserLabel());
        assertFalse(stored.getCredentialData().contains(realm.admin().users().search(user).get(0).getId()),
                "the device's data names no Keycloak user id");

        submitPassword(user, DemoUsers.PASSWORD);
        String number = shownNumber();
        List<PushDeviceSimulator.Pending> pending = device.pending();
        assertEquals(1, pending.size());
        assertEquals("type", pending.get(0).numberMatching(), "the default: the user types the number");
        assertFalse(pending.get(0).raw().containsKey("number_choices"), "the device is told nothing about the number");
        assertEquals("127.0.0.1", pending.get(0).raw().get("ip"));
        assertEquals(Map.of("result", "approved"),
                device.answer(pending.get(0).id(), "approve", Integer.valueOf(number)).body());
        pressContinue();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in");
        assertTrue(device.pending().isEmpty(), "an answered request is no longer pending");

        EventRepresentation login = latest("LOGIN", user);
        assertEquals("push", login.getDetails().get("mfa_method"));
        assertEquals("approved", login.getDetails().get("mfa_result"));
        assertEquals("Pixel of " + user, login.getDetails().get("mfa_device"));
    }

    /**
     * A user whose only method is push (erin in the demo) is offered no way they cannot use: no "Try Another Way"
     * to a phone call they have no phone for, and never "You can sign in another way below" next to "You have no
     * other sign-in method set up" — also after a denied request, and on Keycloak's chooser reached by a stale form.
     */
    @Test
    public void aPushOnlyUserIsOfferedNoWayTheyCannotUse() {
        String user = DemoUsers.uniqueName("push-only");
        PushDeviceSimulator device = enrolledUser(user);

        submitPassword(user, DemoUsers.PASSWORD);
        shownNumber();
        assertTrue(driver.driver().findElements(By.id("kc-select-try-another-way-form")).isEmpty(),
                "no Try Another Way: " + driver.driver().getPageSource());
        assertFalse(driver.driver().getPageSource().contains("You can sign in another way below."));
        assertEquals("You have no other sign-in method set up.", driver.findElement(By.id("mfa-other-ways-none")).getText());

        device.answer(device.pending().get(0).id(), "deny", null);
        pressContinue();
        assertTrue(driver.driver().findElements(By.id("mfa-push-other-way")).isEmpty(), driver.driver().getPageSource());
        assertTrue(driver.driver().findElements(By.id("kc-select-try-another-way-form")).isEmpty());
        assertFalse(driver.driver().findElements(By.id("mfa-other-ways-none")).isEmpty());

        String chooser = FormPost.of(driver, "mfa-push-form").post(Map.of("tryAnotherWay", "on")).body();
        assertFalse(chooser.contains("Phone call"), chooser);
    }

    @Test
    public void withNumberMatchingChooseTheDeviceOffersTheNumberAmongThree() {
        SmsStepConfig.set(realm, "mfa-push", Map.of("number-matching", "choose"));
        String user = DemoUsers.uniqueName("push-choose");
        PushDeviceSimulator device = enrolledUser(user);
        submitPassword(user, DemoUsers.PASSWORD);
        int number = Integer.parseInt(shownNumber());
        assertTrue(driver.findElement(By.id("mfa-push-instructions")).getText().endsWith("pick this number:"));
        PushDeviceSimulator.Pending pending = device.pending().get(0);
        assertEquals("choose", pending.numberMatching());
        assertEquals(3, pending.choices().size());
        assertTrue(pending.choices().contains(number), "the shown number is among the choices");
        int wrong = pending.choices().stream().filter(n -> n != number).findFirst().orElseThrow();
        assertEquals(Map.of("result", "wrong_number"), device.answer(pending.id(), "approve", wrong).body());
        pressContinue();
        assertTrue(pageMessage().startsWith("The number picked on your phone did not match."), pageMessage());

        driver.findElement(By.id("mfa-push-send")).click();
        int next = Integer.parseInt(shownNumber());
        assertEquals(Map.of("result", "approved"), device.answer(device.pending().get(0).id(), "approve", next).body());
        pressContinue();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in");
    }

    @Test
    public void deniedWrongNumberAndExpiredRequestsDoNotSignIn() {
        String user = DemoUsers.uniqueName("push-no");
        PushDeviceSimulator device = enrolledUser(user);

        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(Map.of("result", "denied"), device.answer(device.pending().get(0).id(), "deny", null).body());
        pressContinue();
        assertEquals("The request was denied on your phone.", pageMessage());
        assertEquals("denied", latest("LOGIN_ERROR", user).getDetails().get("mfa_result"));

        driver.findElement(By.id("mfa-push-send")).click();
        int shown = Integer.parseInt(shownNumber());
        PushDeviceSimulator.Pending pending = device.pending().get(0);
        int wrong = shown == 99 ? 10 : shown + 1;
        assertEquals(Map.of("result", "wrong_number"), device.answer(pending.id(), "approve", wrong).body());
        assertEquals(409, device.answer(pending.id(), "approve", shown).status(), "a wrong number uses the request up");
        pressContinue();
        assertTrue(pageMessage().startsWith("The number entered on your phone did not match."), pageMessage());
        assertEquals("wrong_number", latest("LOGIN_ERROR", user).getDetails().get("mfa_result"));

        driver.findElement(By.id("mfa-push-send")).click();
        pending = device.pending().get(0);
        clock.set(61);
        device.clockOffset(61);
        PushDeviceSimulator.Reply late = device.answer(pending.id(), "approve", Integer.valueOf(shownNumber()));
        assertEquals(404, late.status());
        assertEquals("challenge_not_found", late.error());
        pressContinue();
        assertEquals("The request expired. Send a new one.", pageMessage());
    }

    @Test
    public void aRequestIsAnsweredOnceAndProofsAreSingleUseFreshAndTheDevicesOwn() {
        String user = DemoUsers.uniqueName("push-replay");
        PushDeviceSimulator device = enrolledUser(user);
        submitPassword(user, DemoUsers.PASSWORD);
        int number = Integer.parseInt(shownNumber());

        String url = device.api() + "/challenges";
        String proof = device.proof("GET", url, device.now(), device.key());
        assertEquals(200, device.challengesWithProof(proof).status());
        PushDeviceSimulator.Reply replayed = device.challengesWithProof(proof);
        assertEquals(401, replayed.status());
        assertEquals("invalid_dpop_proof", replayed.error());
        assertEquals(401, device.challengesWithProof(device.proof("GET", url, device.now() - 61, device.key())).status(),
                "a proof older than 60 s");
        assertEquals(401, device.challengesWithProof(device.proof("POST", url, device.now(), device.key())).status(),
                "a proof for another method");
        assertEquals(401, device.challengesWithProof(device.proof("GET", device.base() + "/config", device.now(), device.key())).status(),
                "a proof for another URL");
        assertEquals(401, device.challengesWithProof(device.proof("GET", url, device.now(), PushDeviceSimulator.newKey())).status(),
                "a proof by another key");
        assertEquals(401, device.challengesWithProof(null).status(), "no proof");

        PushDeviceSimulator.Pending pending = device.pending().get(0);
        PushDeviceSimulator.Reply forged = device.answerSignedBy(pending.id(), "approve", number, PushDeviceSimulator.newKey());
        assertEquals(400, forged.status());
        assertEquals("invalid_signature", forged.error());
        String answer = device.answerJws(pending.id(), "approve", number, device.key());
        String answerUrl = device.api() + "/challenges/" + pending.id();
        assertEquals(200, device.postAnswer(pending.id(), device.proof("POST", answerUrl, device.now(), device.key()), answer).status());
        PushDeviceSimulator.Reply again = device.postAnswer(pending.id(), device.proof("POST", answerUrl, device.now(), device.key()), answer);
        assertEquals(400, again.status(), "the same signed answer twice: its jti was used");
        PushDeviceSimulator.Reply second = device.answer(pending.id(), "deny", null);
        assertEquals(409, second.status());
        assertEquals("already_answered", second.error());
        pressContinue();
        assertNotNull(oauth.parseLoginResponse().getCode(), "the first answer counts");
    }

    @Test
    public void anEnrolmentTokenWorksOnce() {
        String user = DemoUsers.uniqueName("push-token");
        DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        String link = enrolLink();
        PushDeviceSimulator first = new PushDeviceSimulator();
        assertEquals(201, first.enrol(link, "First").status());
        PushDeviceSimulator second = new PushDeviceSimulator();
        PushDeviceSimulator.Reply reused = second.enrol(link, "Second");
        assertEquals(400, reused.status());
        assertEquals("invalid_token", reused.error());
        PushDeviceSimulator.Reply forged = second.enrolWithToken(link.substring(link.indexOf("#enroll=") + 8) + "x");
        assertEquals("invalid_token", forged.error());
    }

    @Test
    public void aNewEnrolmentCodeRevokesTheOlderOnes() {
        String user = DemoUsers.uniqueName("push-newcode");
        DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        String first = enrolLink();
        driver.findElement(By.id("mfa-push-enroll-new")).click();
        String second = enrolLink();
        assertFalse(first.equals(second), "New code shows another code");

        // another sign-in of the same user (another browser) gets a third code: the second is revoked too
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        String third = enrolLink();

        for (String revoked : List.of(first, second)) {
            PushDeviceSimulator.Reply reply = new PushDeviceSimulator().enrol(revoked, "Old code");
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("invalid_token", reply.error());
        }
        assertEquals(201, new PushDeviceSimulator().enrol(third, "New code").status(), "the newest code works");
    }

    @Test
    public void aRemovedDeviceIsRefusedAtOnce() {
        String user = DemoUsers.uniqueName("push-removed");
        PushDeviceSimulator device = enrolledUser(user);
        String userId = realm.admin().users().search(user).get(0).getId();
        String credentialId = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> c.getType().equals("mfa-push-device")).findFirst().orElseThrow().getId();
        realm.admin().users().get(userId).removeCredential(credentialId);
        PushDeviceSimulator.Reply reply = device.challengesWithProof(
                device.proof("GET", device.api() + "/challenges", device.now(), device.key()));
        assertEquals(401, reply.status());
        assertEquals("unknown_device", reply.error());
    }

    @Test
    public void thisWasntMeMutesPushesAndIsRecorded() {
        String user = DemoUsers.uniqueName("push-report");
        PushDeviceSimulator device = enrolledUser(user);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(Map.of("result", "reported"), device.answer(device.pending().get(0).id(), "report", null).body());
        // the device's answer; the fraud report it also is (mfa_fraud_report) is FraudAlertTest's
        String userId = realm.admin().users().search(user).get(0).getId();
        EventRepresentation reported = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, userId,
                null, null, null, 0, 10).stream().filter(e -> "mfa-push".equals(e.getDetails().get("custom_required_action")))
                .findFirst().orElseThrow();
        assertEquals("mfa_push_reported", reported.getError());
        assertEquals("127.0.0.1", reported.getDetails().get("mfa_signin_ip"));
        pressContinue();
        assertTrue(pageMessage().startsWith("You reported this sign-in as not yours."), pageMessage());

        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        assertTrue(pageMessage().startsWith("Push requests are paused until"), pageMessage());
        assertTrue(device.pending().isEmpty(), "nothing sent while muted");

        clock.set(20 * 60 + 1);
        device.clockOffset(20 * 60 + 1);
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(1, device.pending().size(), "after 20 minutes requests go out again");
    }

    @Test
    public void noMoreThanFivePushesInFiveMinutes() {
        String user = DemoUsers.uniqueName("push-limit");
        PushDeviceSimulator device = enrolledUser(user);
        submitPassword(user, DemoUsers.PASSWORD);
        for (int sent = 2; sent <= 5; sent++) {
            driver.findElement(By.id("mfa-push-resend")).click();
            assertEquals(1, device.pending().size(), "a new request replaces the one before");
        }
        String fifth = device.pending().get(0).id();
        driver.findElement(By.id("mfa-push-resend")).click();
        assertTrue(pageMessage().startsWith("You were sent 5 push requests in the last 5 minutes"), pageMessage());
        assertEquals(List.of(fifth), device.pending().stream().map(PushDeviceSimulator.Pending::id).toList(),
                "no sixth request; the fifth can still be approved");
        device.answer(fifth, "approve", Integer.valueOf(shownNumber()));
        pressContinue();
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void theDeviceRotatesItsKeyAndChangesItsPushTarget() {
        PushDeviceSimulator device = enrolledUser(DemoUsers.uniqueName("push-rotate"));
        java.security.KeyPair old = device.key();
        assertEquals(200, device.rotateKey().status());
        assertEquals(401, device.challengesWithProof(device.proof("GET", device.api() + "/challenges", device.now(), old)).status(),
                "the old key no longer works");
        assertEquals(200, device.challengesWithProof(device.proof("GET", device.api() + "/challenges", device.now(), device.key())).status());
        assertEquals(400, device.setPush("{\"kind\":\"webpush\",\"endpoint\":\"ftp://x\"}").status());
        assertEquals(204, device.setPush("{\"kind\":\"fcm\",\"token\":\"device-token-1\"}").status());
        assertEquals(204, device.setPush("{\"kind\":\"none\"}").status());
        assertEquals(204, device.unenrol().status());
        assertEquals("unknown_device", device.challengesWithProof(
                device.proof("GET", device.api() + "/challenges", device.now(), device.key())).error());
    }

    @Test
    public void thePagesInEnglishSwedishDutchAndGermanAndUnderTheClassicTheme() {
        Map<String, List<String>> titles = Map.of(
                "en", List.of("Set up push approval", "Approve on your phone"),
                "sv", List.of("Konfigurera godkännande i mobilen", "Godkänn i mobilen"),
                "nl", List.of("Goedkeuren op je telefoon instellen", "Goedkeuren op je telefoon"),
                "de", List.of("Bestätigung auf dem Smartphone einrichten", "Auf dem Smartphone bestätigen"));
        for (String theme : List.of("keycloak.v2", "keycloak")) {
            realm.updateWithCleanup(r -> {
                r.build().setLoginTheme(theme);
                return r;
            });
            for (Map.Entry<String, List<String>> language : titles.entrySet()) {
                String user = DemoUsers.uniqueName("push-" + language.getKey());
                DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
                driver.driver().manage().deleteAllCookies();
                oauth.loginForm().uiLocales(language.getKey()).open();
                loginPage.fillLogin(user, DemoUsers.PASSWORD);
                loginPage.submit();
                assertEquals(language.getValue().get(0), driver.findElement(By.id("kc-page-title")).getText().trim(), theme);
                PushDeviceSimulator device = new PushDeviceSimulator();
                assertEquals(201, device.enrol(enrolLink(), "Phone").status());
                driver.findElement(By.id("mfa-push-enroll-continue")).click();
                realm.admin().logoutAll();
                driver.driver().manage().deleteAllCookies();
                oauth.loginForm().uiLocales(language.getKey()).open();
                loginPage.fillLogin(user, DemoUsers.PASSWORD);
                loginPage.submit();
                if (theme.equals("keycloak.v2")) {
                    assertEquals(language.getValue().get(1), driver.findElement(By.id("kc-page-title")).getText().trim());
                } else {
                    // the classic theme shows the username where keycloak.v2 shows the title
                    assertEquals(language.getKey(), driver.findElement(By.tagName("html")).getAttribute("lang"));
                }
                assertTrue(shownNumber().matches("\\d{2}"), theme + " " + language.getKey());
            }
        }
    }

    private EventRepresentation latest(String type, String username) {
        String userId = realm.admin().users().search(username).get(0).getId();
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event for " + username);
        return events.get(0);
    }
}
