package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's Fraud alerts page in Chromium: a realm admin sees a reported sign-in, changes what a report does and
 * is told what is wrong with a bad address; the sign-in log marks the reported sign-in.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleFraudTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private AdminApi api;

    @BeforeEach
    void chromium() {
        AdminConsoleBrowser.assumeChromium();
        api = new AdminApi(realm, urls);
    }

    @AfterEach
    void defaultsBack() throws IOException {
        String body = JsonSerialization.writeValueAsString(Map.of("block-user", "sign-out", "notify-user", true,
                "fraud-alert-emails", List.of(), "report-link", true, "link-hours", 24));
        assertEquals(200, HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/"
                        + realm.getName() + "/mfa/fraud-settings")).header("Authorization", "Bearer " + api.tokenWithRoles("manage-realm"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode());
    }

    @Test
    public void anAdminSeesTheReportAndChangesWhatAReportDoes() {
        // a user reports a sign-in by the text's link; the sign-in had a wrong code, so it is a row of the log
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "fraud-console", phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(SmsSignInTest.wrong(Outbox.lastCodeTo(phone)));
        String link = Outbox.reportLinkIn(Outbox.lastMessageTo(phone).path("text").asText());
        assertEquals(200, HttpCalls.send(HttpRequest.newBuilder(URI.create(link)).POST(HttpRequest.BodyPublishers.noBody())
                .build()).statusCode());

        String admin = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
            browser.open("#/fraud");
            assertEquals("Fraud alerts", browser.text("#mfa-page-title"));
            browser.waitUntil(() -> browser.text("#fraud-reports-list").contains(user));
            String row = browser.text("#fraud-reports-table tbody");
            assertTrue(row.contains("Text message") && row.contains("127.0.0.1")
                    && row.contains("Sign out everywhere"), row);
            String reference = browser.find("#fraud-reports-table tbody tr").getDomAttribute("data-reference");
            assertTrue(reference.matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), reference);

            // settings: a bad address is refused with what is wrong, then a good save
            new Select(browser.find("#fraud-block-user")).selectByValue("disable");
            browser.find("#fraud-alert-emails").sendKeys("soc@example.org\nnope");
            browser.find("#fraud-save").click();
            browser.waitUntil(() -> browser.text("#fraud-settings-result").contains("'nope' is not an email address"));
            browser.screenshots("console-fraud-refused-en");
            browser.find("#fraud-alert-emails").clear();
            browser.find("#fraud-alert-emails").sendKeys("soc@example.org");
            browser.find("#fraud-save").click();
            browser.waitUntil(() -> browser.text("#mfa-toasts").contains("Fraud alert settings saved."));
            Map<String, Object> saved = HttpCalls.json(HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase()
                    + "/admin/realms/" + realm.getName() + "/mfa/fraud-settings"))
                    .header("Authorization", "Bearer " + api.tokenWithRoles("view-realm")).GET().build()));
            assertEquals("disable", saved.get("block-user"));
            assertEquals(List.of("soc@example.org"), saved.get("fraud-alert-emails"));
            browser.screenshots("console-fraud-en");

            // the sign-in log marks the reported sign-in; its reference opens it
            assertEquals("#/sign-ins/ref/" + reference, browser.find("#fraud-reports-table tbody a").getDomAttribute("href"));
            browser.open("#/sign-ins/ref/" + reference);
            browser.waitUntil(() -> "sign-ins".equals(browser.currentPage()));
            browser.waitUntil(() -> !browser.all("tbody.mfa-sign-in[data-reported='true']").isEmpty());
            assertTrue(browser.text("tbody.mfa-sign-in[data-reported='true']").contains("Reported"));

            new Select(browser.find("#mfa-language")).selectByValue("de");
            browser.open("#/fraud");
            browser.waitUntil(() -> "Betrugsmeldungen".equals(browser.text("#mfa-page-title")));
            new Select(browser.find("#mfa-language")).selectByValue("en");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }

    @Test
    public void aHelpdeskAccountDoesNotSeeThePage() {
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            assertFalse(browser.navPages().contains("fraud"), browser.navPages().toString());
        }
    }
}
