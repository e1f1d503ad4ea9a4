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

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/**
 * Fraud alert: a user reports a sign-in they did not start, by the "Not you?" link of a text or call or by push
 * "This wasn't me"; the report is the event mfa_fraud_report, listed in the admin REST and flagged in the sign-in
 * log, and does what the realm's fraud settings say (block, emails).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class FraudAlertTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectPage
    VoiceCallPage voicePage;

    private SmtpPeer smtp;
    private AdminApi api;

    @BeforeEach
    void mailServerAndApi() throws IOException {
        smtp = new SmtpPeer();
        int port = smtp.port();
        realm.updateWithCleanup(r -> {
            r.build().setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                    "from", "mfa@example.org", "fromDisplayName", "MFA demo"));
            return r;
        });
        api = new AdminApi(realm, urls);
    }

    @AfterEach
    void defaultsBack() throws IOException {
        smtp.close();
        // the demo realm is shared with other classes: leave the shipped behaviour
        assertEquals(200, settings(api.tokenWithRoles("manage-realm"), Map.of("block-user", "sign-out",
                "notify-user", true, "fraud-alert-emails", List.of(), "report-link", true, "link-hours", 24)).statusCode());
    }

    @Test
    public void aTextsLinkReportsTheSignInSignsTheUserOutEverywhereAndAlerts() {
        assertEquals(200, settings(api.tokenWithRoles("manage-realm"), Map.of("block-user", "sign-out",
                "fraud-alert-emails", List.of("soc@example.org", "cert@example.org"))).statusCode());
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("fraud");
        String id = DemoUsers.create(realm, user, List.of(), false, List.of(rememberedDevice()), phone);

        // the user's own sign-in
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(1, realm.admin().users().get(id).getUserSessions().size());

        // someone who knows the password, elsewhere (a browser without the user's cookies); they cannot know the code
        driver.driver().navigate().to(urls.getBase() + "/realms/" + realm.getName() + "/mfa-report/none");
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        String text = Outbox.lastMessageTo(phone).path("text").asText();
        String link = Outbox.reportLinkIn(text);
        assertNotNull(link, text);
        assertTrue(text.endsWith(" minutes.\nNot you? " + link), "one short line after the code's: " + text);
        smsPage.enterCode(SmsSignInTest.wrong(Outbox.lastCodeTo(phone)));

        // the user opens the link: it asks; only the button reports
        driver.driver().navigate().to(link);
        assertEquals("Report a sign-in", driver.findElement(By.id("kc-page-title")).getText().trim());
        assertTrue(driver.driver().findElements(By.id("mfa-fraud-report-done")).isEmpty(), "opening the link reports nothing");
        assertTrue(reports(id).isEmpty());
        driver.findElement(By.id("mfa-fraud-report-submit")).click();
        assertTrue(driver.findElement(By.id("mfa-fraud-report-done")).getText().startsWith("Thank you."));
        String reference = driver.findElement(By.id("mfa-fraud-report-reference")).getText().replace("Reference for your helpdesk: ", "");

        // always the event
        List<EventRepresentation> events = reports(id);
        assertEquals(1, events.size());
        EventRepresentation event = events.get(0);
        assertEquals("mfa_fraud_report", event.getError());
        assertEquals("mfa_fraud_report", event.getDetails().get("custom_required_action"));
        assertEquals("sms", event.getDetails().get("mfa_method"));
        assertEquals(reference, event.getDetails().get("mfa_ref"));
        assertEquals("127.0.0.1", event.getDetails().get("mfa_signin_ip"));
        assertEquals("sign-out", event.getDetails().get("mfa_block"));

        // the admin REST list (view-events; the username with view-users)
        String auditor = api.tokenWithRoles("view-events", "view-users");
        Map<String, Object> row = list(get(auditor, "fraud-reports")).stream().filter(r -> id.equals(r.get("userId")))
                .findFirst().orElseThrow();
        assertEquals(user, row.get("username"));
        assertEquals("sms", row.get("method"));
        assertEquals(reference, row.get("reference"));
        assertEquals("127.0.0.1", row.get("ipAddress"));
        assertEquals("sign-out", row.get("action"));
        assertTrue(((Number) row.get("time")).longValue() > 0);
        assertEquals(403, get(api.tokenWithRoles("view-users"), "fraud-reports").statusCode(), "needs view-events");

        // the sign-in log flags the reported sign-in, not the user's own
        List<Map<String, Object>> rows = list(get(auditor, "sign-ins?user=" + user));
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(reference, rows.get(0).get("reference"));
        assertEquals(true, rows.get(0).get("reported"));
        assertEquals(false, rows.get(1).get("reported"));

        // sign-out: no sessions, no remembered devices; the account stays enabled
        assertEquals(0, realm.admin().users().get(id).getUserSessions().size());
        assertTrue(realm.admin().users().get(id).credentials().stream().noneMatch(c -> c.getType().equals("mfa-trusted-device")));
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled());

        // the user and the alert addresses are told
        SmtpPeer.Mail mail = await(user + "@example.org", 1).get(0);
        assertEquals("A sign-in to your MFA Suite demo account was reported as not you", mail.subject());
        assertTrue(mail.text().contains("You reported a sign-in as not yours") && mail.text().contains("Text message (SMS)"),
                mail.text());
        assertTrue(mail.text().contains("127.0.0.1"), mail.text());
        for (String address : List.of("soc@example.org", "cert@example.org")) {
            SmtpPeer.Mail alert = await(address, 1).get(0);
            assertEquals("[MFA Suite demo] Fraud alert: " + user + " reported a sign-in", alert.subject());
            assertTrue(alert.text().contains("Sign-in reference: " + reference), alert.text());
            assertTrue(alert.text().contains("Action taken: signed out everywhere"), alert.text());
        }

        // the link works once
        HttpResponse<String> again = HttpCalls.send(HttpRequest.newBuilder(URI.create(link)).GET().build());
        assertEquals(404, again.statusCode());
        assertTrue(again.body().contains("mfa-fraud-report-invalid"), again.body());
        assertEquals(404, post(link).statusCode());
        assertEquals(1, reports(id).size());
    }

    @Test
    public void aCallsLinkExpiresAndDisableDisablesTheAccount() {
        assertEquals(200, settings(api.tokenWithRoles("manage-realm"), Map.of("block-user", "disable",
                "link-hours", 1, "notify-user", false)).statusCode());
        String landline = DemoUsers.uniqueLandline();
        String user = DemoUsers.uniqueName("fraud-call");
        String id = DemoUsers.withLandline(realm, user, landline);

        submitPassword(user, DemoUsers.PASSWORD);
        voicePage.assertCurrent();
        String spoken = Outbox.lastMessageTo(landline).path("text").asText();
        String expired = Outbox.reportLinkIn(spoken);
        assertTrue(spoken.endsWith(" If you are not signing in, report it at " + expired + "."), spoken);
        clock.set(3600);
        assertEquals(404, HttpCalls.send(HttpRequest.newBuilder(URI.create(expired)).GET().build()).statusCode());
        assertEquals(404, post(expired).statusCode(), "after link-hours the link does nothing");
        clock.set(0);
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled());

        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        String link = Outbox.reportLinkIn(Outbox.lastMessageTo(landline).path("text").asText());
        HttpResponse<String> reported = post(link);
        assertEquals(200, reported.statusCode());
        assertTrue(reported.body().contains("mfa-fraud-report-done"), reported.body());
        assertFalse(realm.admin().users().get(id).toRepresentation().isEnabled(), "disabled until an admin enables it");
        assertEquals("voice", reports(id).get(0).getDetails().get("mfa_method"));
        assertEquals("disable", reports(id).get(0).getDetails().get("mfa_block"));
        sleepBriefly();
        assertEquals(List.of(), smtp.mailsTo(user + "@example.org"), "notify-user=false: no email");
    }

    @Test
    public void withTheLinkOffTextsAreAsBefore() {
        assertEquals(200, settings(api.tokenWithRoles("manage-realm"), Map.of("report-link", false)).statusCode());
        String phone = DemoUsers.uniquePhone();
        submitPassword(DemoUsers.withPhone(realm, "fraud-nolink", phone), DemoUsers.PASSWORD);
        String text = Outbox.lastMessageTo(phone).path("text").asText();
        assertNull(Outbox.reportLinkIn(text), text);
        assertFalse(text.contains("Not you?"), text);
    }

    @Test
    public void badSettingsAreRefusedWithWhatIsWrong() {
        String admin = api.tokenWithRoles("manage-realm");
        assertRefused(admin, Map.of("block-user", "lock"), "block-user must be none, sign-out or disable, not 'lock'");
        assertRefused(admin, Map.of("fraud-alert-emails", List.of("soc@example.org", "soc at example")),
                "fraud-alert-emails: 'soc' is not an email address");
        assertRefused(admin, Map.of("link-hours", 0), "link-hours must be from 1 to 168");
        assertRefused(admin, Map.of("notify-user", "maybe"), "notify-user must be true or false");
        assertRefused(admin, Map.of("blok-user", "none"), "'blok-user' is not a fraud-alert setting");

        String viewer = api.tokenWithRoles("view-realm");
        assertEquals(403, settings(viewer, Map.of("block-user", "none")).statusCode(), "saving needs manage-realm");
        Map<String, Object> shown = HttpCalls.json(get(viewer, "fraud-settings"));
        assertEquals("sign-out", shown.get("block-user"), "nothing refused was saved");
        assertEquals(List.of(), shown.get("fraud-alert-emails"));

        // Keycloak's own components API validates the same store on save
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("mfa-fraud-settings");
        component.setProviderId("mfa-fraud-settings");
        component.setProviderType("org.mfasuite.keycloak.fraud.FraudSettingsProvider");
        component.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("block-user", "lock");
        component.setConfig(config);
        try (Response response = realm.admin().components().add(component)) {
            assertEquals(400, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("block-user must be none, sign-out or disable"));
        }
    }

    @Test
    public void pushThisWasntMeBlocksAndAlertsAsTheRealmSays() {
        ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(false);
        try {
            assertEquals(200, settings(api.tokenWithRoles("manage-realm"), Map.of("block-user", "disable",
                    "fraud-alert-emails", List.of("soc-push@example.org"))).statusCode());
            String user = DemoUsers.uniqueName("fraud-push");
            String id = DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
            submitPassword(user, DemoUsers.PASSWORD);
            PushDeviceSimulator device = new PushDeviceSimulator();
            assertEquals(201, device.enrol(driver.findElement(By.id("mfa-push-enroll-link")).getAttribute("href"),
                    "Pixel").status());
            driver.findElement(By.id("mfa-push-enroll-continue")).click();
            realm.admin().logoutAll();
            driver.driver().manage().deleteAllCookies();

            submitPassword(user, DemoUsers.PASSWORD);
            assertEquals(Map.of("result", "reported"), device.answer(device.pending().get(0).id(), "report", null).body());

            assertFalse(realm.admin().users().get(id).toRepresentation().isEnabled());
            EventRepresentation event = reports(id).get(0);
            assertEquals("push", event.getDetails().get("mfa_method"));
            String reference = event.getDetails().get("mfa_ref");
            assertNotNull(reference);
            SmtpPeer.Mail alert = await("soc-push@example.org", 1).get(0);
            assertTrue(alert.text().contains("Method: push") && alert.text().contains("Sign-in reference: " + reference),
                    alert.text());
            // the sign-in's own events carry the same reference: the helpdesk finds them together
            Map<String, Object> row = list(get(api.tokenWithRoles("view-events"), "sign-ins?reference=" + reference))
                    .stream().filter(r -> "mfa_fraud_report".equals(r.get("error"))).findFirst().orElseThrow();
            assertEquals(id, row.get("userId"));
        } finally {
            ((org.openqa.selenium.htmlunit.HtmlUnitDriver) driver.driver()).setJavascriptEnabled(true);
        }
    }

    private void assertRefused(String token, Map<String, Object> body, String problem) {
        HttpResponse<String> response = settings(token, body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(String.valueOf(HttpCalls.json(response).get("error_description")).contains(problem), response.body());
    }

    private List<EventRepresentation> reports(String userId) {
        return realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, userId, null, null, null, 0, 50)
                .stream().filter(e -> "mfa_fraud_report".equals(e.getError())).toList();
    }

    private static CredentialRepresentation rememberedDevice() {
        CredentialRepresentation device = new CredentialRepresentation();
        device.setType("mfa-trusted-device");
        device.setUserLabel("Firefox on Linux");
        device.setCredentialData("{\"ipAddress\":\"198.51.100.7\",\"lastUsed\":0}");
        device.setSecretData("{\"tokenHash\":\"unused\"}");
        device.setCreatedDate(System.currentTimeMillis());
        return device;
    }

    private HttpResponse<String> settings(String token, Map<String, Object> body) {
        try {
            return HttpCalls.send(HttpRequest.newBuilder(uri("fraud-settings")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String token, String path) {
        return HttpCalls.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> post(String link) {
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mfa-action=report")).build());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JsonSerialization.readValue(response.body(), List.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path);
    }

    private List<SmtpPeer.Mail> await(String address, int count) {
        for (int i = 0; i < 50 && smtp.mailsTo(address).size() < count; i++) {
            sleepBriefly();
        }
        List<SmtpPeer.Mail> mails = smtp.mailsTo(address);
        assertTrue(mails.size() >= count, "mails to " + address + ": " + smtp.mails());
        return mails;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100); // waits for the mail to arrive over the socket, not for time to pass in Keycloak
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
