package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The console's user risk card in Chromium: a reported user shows high risk with its reason; a helpdesk account
 * (view-users) sees it without a Dismiss button; an admin dismisses it through the dialog.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleUserRiskTest extends DemoRealmTest {

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void theRiskCardShowsTheReportAndAnAdminDismissesIt() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.withPhone(realm, "console-risk", phone);
        String userId = realm.admin().users().search(user, true).get(0).getId();
        submitPassword(user, DemoUsers.PASSWORD);
        String link = Outbox.reportLinkIn(Outbox.lastMessageTo(phone).path("text").asText());
        assertNotNull(link);
        HttpResponse<String> reported = HttpCalls.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mfa-action=report")).build());
        assertEquals(200, reported.statusCode());

        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("sv")) {
            browser.signIn(realm.getBaseUrl(), ConsoleAdmins.viewUsersOnly(realm), DemoUsers.PASSWORD);
            browser.open("#/users/" + userId);
            browser.waitUntil(() -> browser.all("#mfa-users-risk-facts").size() == 1);
            assertTrue(browser.text("#mfa-users-risk").contains("Hög"), browser.text("#mfa-users-risk"));
            assertTrue(browser.text("#mfa-users-risk").contains("Användaren rapporterade en inloggning"));
            assertTrue(browser.all("#mfa-users-risk-dismiss").isEmpty(), "view-users: no dismiss");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), ConsoleAdmins.realmAdmin(realm), DemoUsers.PASSWORD);
            browser.open("#/users/" + userId);
            browser.waitUntil(() -> browser.all("#mfa-users-risk-dismiss").size() == 1);
            String card = browser.text("#mfa-users-risk");
            assertTrue(card.contains("High") && card.contains("The user reported a sign-in as not theirs"), card);
            browser.screenshots("console-users-risk-en");
            browser.find("#mfa-users-risk-dismiss").click();
            assertTrue(browser.text("[role='dialog']").contains("Dismiss this user’s risk?"));
            browser.find("[role='dialog'] [data-action='confirm']").click();
            browser.waitUntil(() -> browser.text("#mfa-users-risk").contains("dismissed by an admin"));
            assertTrue(browser.text("#mfa-users-risk").contains("None"));
            assertTrue(browser.all("#mfa-users-risk-dismiss").isEmpty());
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }
}
