package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * The companion app in a real browser against a real Keycloak: a user signs in (HtmlUnit, no JavaScript: the
 * page's Continue button), is asked to enrol a phone, and the phone — headless Chromium running the app from
 * {@code /realms/demo/mfa-push/app/} — opens the enrolment link and enrols itself with its own WebCrypto key. The
 * next sign-in shows a number; the app, polling, lists the request with the number choices, and the user's pick
 * (or Deny) decides the sign-in. Screenshots of the app as a phone and a desktop show it: target/companion-app/.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class CompanionAppTest extends DemoRealmTest {

    private static final String DISPLAY_NAME = "MFA Suite demo";

    @BeforeAll
    static void needsChromium() {
        String missing = CompanionBrowser.missing();
        if (missing != null) {
            System.err.println("[WARNING] " + missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** The sign-in side without JavaScript: it continues through the page's Continue button. */
    @BeforeEach
    void signInWithoutScript() {
        if (driver.driver() instanceof HtmlUnitDriver htmlUnit) {
            htmlUnit.setJavascriptEnabled(false);
        }
    }

    @AfterEach
    void scriptBackOn() {
        if (driver.driver() instanceof HtmlUnitDriver htmlUnit) {
            htmlUnit.setJavascriptEnabled(true);
        }
    }

    @Test
    public void theAppEnrolsThenApprovesTheSignInByTheNumberTypedIntoIt() {
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");

            String number = signInUntilTheNumber(user);
            WebElement request = phone.request();
            assertEquals("Sign-in to " + DISPLAY_NAME, phone.text(request, ".request-title"));
            assertEquals("127.0.0.1", phone.text(request, ".ip"), "where the sign-in comes from");
            assertFalse(phone.text(request, ".client").isBlank(), "which application");
            assertTrue(phone.asksToType(request), "the phone asks to type the number and offers none");
            assertEquals("Type the number shown on the sign-in screen, then approve", phone.text(request, ".pick"));
            phone.screenshots("request");

            phone.typeNumber(request, Integer.parseInt(number));
            assertEquals("Approved", phone.result(request));
            phone.screenshots("approved");

            driver.findElement(By.id("mfa-push-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in: the client got an authorization code");

            phone.openSettings();
            assertTrue(phone.pageText().contains(DISPLAY_NAME), phone.pageText());
            phone.screenshots("settings");

            // the device unenrols itself: its credential is gone from the account
            assertEquals(DISPLAY_NAME + " was removed from this device.", phone.removeEnrolment());
            assertEquals(List.of(), pushDevices(user));
        }
    }

    @Test
    public void withNumberMatchingChooseTheAppOffersThreeNumbersToPickFrom() {
        SmsStepConfig.set(realm, "mfa-push", Map.of("number-matching", "choose"));
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");
            String number = signInUntilTheNumber(user);
            WebElement request = phone.request();
            List<Integer> choices = phone.numberChoices(request);
            assertEquals(3, choices.size(), choices.toString());
            assertTrue(choices.contains(Integer.parseInt(number)), "the sign-in's number " + number + " among " + choices);
            assertEquals("Tap the number shown on the sign-in screen", phone.text(request, ".pick"));
            phone.screenshots("request-choose");

            phone.pick(request, Integer.parseInt(number));
            assertEquals("Approved", phone.result(request));
            driver.findElement(By.id("mfa-push-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in");
        }
    }

    @Test
    public void aDamagedLinkAndALinkForAnotherServerEachSayWhatIsWrong() {
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            String app = realm.getBaseUrl() + "/mfa-push/app/";
            phone.open(app);
            String failed = "Setting up this device failed: ";
            assertEquals(failed + "This set-up link is incomplete or damaged. Copy the whole link from the set-up page, "
                    + "or scan the QR code again.", phone.pasteEnrolLink(app + "#enroll=abc.def.ghi"));
            String foreign = unsignedToken(Map.of("aud", "https://sso.other.example/realms/demo/mfa-push", "exp", 4102444800L));
            assertEquals(failed + "This set-up link is for another server (sso.other.example). This app only works with "
                    + "its own server; open the link with that server's app.", phone.pasteEnrolLink(app + "#enroll=" + foreign));
            phone.screenshots("link-other-server");

            Map<String, String> de = texts("de");
            try (CompanionBrowser german = new CompanionBrowser("de")) {
                german.open(app + "#enroll=abc.def.ghi");
                assertEquals(de.get("enrol_failed").replace("{0}", de.get("err_damaged_link")), german.status());
            }
        }
    }

    @Test
    public void theAppOnAHostNameOfItsOwnEnrolsAndApprovesThroughCorsThatAllowsOnlyIt() {
        String keycloak = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        try (CompanionAppHost host = new CompanionAppHost(keycloak); CompanionBrowser phone = new CompanionBrowser("en")) {
            SmsStepConfig.set(realm, "mfa-push", Map.of("app-url", host.url()));
            String user = newUser();
            enrol(user, phone, "en", host.url() + "#enroll=");
            assertTrue(phone.url().startsWith(host.origin() + "/app/"), "the app runs on its own origin: " + phone.url());

            String number = signInUntilTheNumber(user);
            WebElement request = phone.request();
            phone.typeNumber(request, Integer.parseInt(number));
            assertEquals("Approved", phone.result(request));
            driver.findElement(By.id("mfa-push-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with the app on its own origin");

            // the device API answers the app's origin, and no other
            String api = realm.getBaseUrl() + "/mfa-push/devices/any/challenges";
            java.net.http.HttpResponse<String> allowed = preflight(api, host.origin());
            assertEquals(204, allowed.statusCode());
            assertEquals(host.origin(), allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("DPoP"));
            assertTrue(allowed.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "no credentials");
            String other = "http://127.0.0.3:" + java.net.URI.create(host.url()).getPort();
            java.net.http.HttpResponse<String> refused = preflight(api, other);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            java.net.http.HttpResponse<String> config = HttpCalls.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(realm.getBaseUrl() + "/mfa-push/config")).header("Origin", other).GET().build());
            assertEquals(200, config.statusCode());
            assertTrue(config.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "another origin cannot read it");
        }
    }

    private static java.net.http.HttpResponse<String> preflight(String url, String origin) {
        return HttpCalls.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "dpop")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    public void denyInTheAppKeepsTheSignInOut() {
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");
            // a new device key (PUT …/key): the calls below are signed with it
            phone.openSettings();
            assertEquals("A new key is in use for " + DISPLAY_NAME + ".", phone.rotateKey());
            phone.closeSettings();
            signInUntilTheNumber(user);

            WebElement request = phone.request();
            phone.deny(request);
            assertEquals("Denied", phone.result(request));
            phone.screenshots("denied");

            driver.findElement(By.id("mfa-push-continue")).click();
            assertNull(oauth.parseLoginResponse().getCode(), "no authorization code after a denial");
            assertTrue(driver.driver().getPageSource().contains("denied on your phone"), "the sign-in page says why");
        }
    }

    @Test
    public void aWrongNumberIsToldOnThePhoneAndDoesNotSignIn() {
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");
            int number = Integer.parseInt(signInUntilTheNumber(user));

            WebElement request = phone.request();
            phone.typeNumber(request, number == 99 ? 10 : number + 1);
            assertEquals("Wrong number — try again on the sign-in page", phone.result(request));

            driver.findElement(By.id("mfa-push-continue")).click();
            assertNull(oauth.parseLoginResponse().getCode(), "no authorization code after a wrong number");
            assertTrue(driver.driver().getPageSource().contains("did not match"), "the sign-in page says why");
        }
    }

    @Test
    public void thisWasntMeReportsTheSignInAndThePageSaysPushIsPaused() {
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");
            signInUntilTheNumber(user);

            WebElement request = phone.request();
            phone.report(request);
            assertEquals("Reported; push requests are paused", phone.result(request));

            driver.findElement(By.id("mfa-push-continue")).click();
            assertNull(oauth.parseLoginResponse().getCode(), "no authorization code after a report");
            assertTrue(driver.driver().getPageSource().contains("reported this sign-in as not yours"),
                    "the sign-in page says why");
        }
    }

    @Test
    public void aDeviceRemovedFromTheAccountIsToldToEnrolAgain() {
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("en")) {
            enrol(user, phone, "en");
            String userId = realm.admin().users().search(user, true).get(0).getId();
            for (String credential : pushDevices(user)) {
                realm.admin().users().get(userId).removeCredential(credential);
            }

            phone.open(phone.url());
            assertEquals("This device was removed from your account; enrol again.", phone.problem());
            phone.screenshots("removed");
        }
    }

    @Test
    public void aSwedishPhoneShowsTheAppInSwedish() {
        Map<String, String> sv = texts("sv");
        String user = newUser();
        try (CompanionBrowser phone = new CompanionBrowser("sv")) {
            enrol(user, phone, "sv");
            assertEquals("sv", phone.language());

            String number = signInUntilTheNumber(user);
            WebElement request = phone.request();
            assertEquals("Inloggning till " + DISPLAY_NAME, phone.text(request, ".request-title"));
            assertEquals(sv.get("type_prompt"), phone.text(request, ".pick"));
            assertEquals("Neka", phone.text(request, ".deny"));
            assertEquals("Det var inte jag", phone.text(request, ".report"));
            phone.screenshots("request-sv");

            phone.typeNumber(request, Integer.parseInt(number));
            assertEquals("Godkänd", phone.result(request));
            driver.findElement(By.id("mfa-push-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode());
        }
    }

    // --- steps -----------------------------------------------------------------------------------------

    private String newUser() {
        String user = DemoUsers.uniqueName("push");
        DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
        return user;
    }

    /** Signs in, takes the enrolment link from the page, lets the phone open it, and finishes the sign-in. */
    private void enrol(String user, CompanionBrowser phone, String language) {
        enrol(user, phone, language, realm.getBaseUrl() + "/mfa-push/app/#enroll=");
    }

    /** The same, the link expected to start with {@code linkStart}. */
    private void enrol(String user, CompanionBrowser phone, String language, String linkStart) {
        submitPassword(user, DemoUsers.PASSWORD);
        String link = driver.findElement(By.id("mfa-push-enroll-link")).getAttribute("href");
        assertTrue(link.startsWith(linkStart), link);

        phone.open(link);
        assertEquals(texts(language).get("enrolled").replace("{0}", DISPLAY_NAME), phone.status());
        assertFalse(phone.url().contains("#enroll="), "the single-use token is gone from the address bar: " + phone.url());

        driver.findElement(By.id("mfa-push-enroll-continue")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "enrolled and signed in");
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
    }

    /** A new sign-in up to the push page; returns the number it shows. */
    private String signInUntilTheNumber(String user) {
        submitPassword(user, DemoUsers.PASSWORD);
        String number = driver.findElement(By.id("mfa-push-number")).getText().trim();
        assertTrue(number.matches("[0-9]{2}"), number);
        return number;
    }

    /** The user's push devices as the admin API lists them. */
    private List<String> pushDevices(String username) {
        String id = realm.admin().users().search(username, true).get(0).getId();
        return realm.admin().users().get(id).credentials().stream()
                .filter(credential -> "mfa-push-device".equals(credential.getType()))
                .map(credential -> credential.getId()).toList();
    }

    /** A JWT-shaped link token with these claims and no valid signature (the app reads claims before the server checks). */
    private static String unsignedToken(Map<String, Object> claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        try {
            ObjectMapper json = new ObjectMapper();
            return b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT"))) + "."
                    + b64.encodeToString(json.writeValueAsBytes(claims)) + "." + b64.encodeToString(new byte[32]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's texts as shipped in the jar. */
    private static Map<String, String> texts(String language) {
        try (InputStream in = CompanionAppTest.class.getClassLoader().getResourceAsStream("mfa-push-app/i18n.json")) {
            assertNotNull(in, "the app's texts are in the drop-in jar");
            Map<String, Map<String, String>> all = new ObjectMapper().readValue(in, new TypeReference<>() { });
            return all.get(language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
