package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The console's Overview in Chromium: after seeded sign-ins, messages and refusals (Keycloak's event store, see
 * {@link SeededEvents}) a realm admin sees the numbers the seed implies, as text and as charts; an account with
 * view-events but not view-users sees the overview without coverage.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleOverviewTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aRealmAdminSeesTheNumbersTheSeedImplies() {
        String token = new AdminApi(realm, urls).tokenWithRoles("view-events", "view-users");
        Map<String, Object> before = overview(token);
        String user = DemoUsers.uniqueName("overview-ui");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String[][] seed = new String[4 + 2 + 3 + 5 + 2 + 3 + 1][];
        int n = 0;
        for (int i = 0; i < 4; i++) {
            seed[n++] = new String[] {"LOGIN", userId, "test-app", "", "60", "mfa_method", "sms", "mfa_result", "valid"};
        }
        for (int i = 0; i < 2; i++) {
            seed[n++] = new String[] {"LOGIN_ERROR", userId, "test-app", "invalid_user_credentials", "60", "mfa_method",
                "sms", "reason", "wrong_code"};
        }
        for (int i = 0; i < 3; i++) {
            seed[n++] = new String[] {"LOGIN", userId, "test-app", "", "60", "mfa_method", "push", "mfa_result", "valid"};
        }
        for (int i = 0; i < 5; i++) {
            seed[n++] = new String[] {"CUSTOM_REQUIRED_ACTION", userId, "test-app", "", "60", "mfa_method", "sms",
                "mfa_step", "send", "mfa_result", "sent"};
        }
        for (int i = 0; i < 2; i++) {
            seed[n++] = new String[] {"CUSTOM_REQUIRED_ACTION", userId, "test-app", "", "60", "mfa_method", "voice",
                "mfa_step", "send", "mfa_result", "sent"};
        }
        for (int i = 0; i < 3; i++) {
            seed[n++] = new String[] {"LOGIN_ERROR", userId, "legacy-reports", "access_denied", "60", "reason",
                "mfa_policy_block", "mfa_access", "block", "mfa_policies", "block legacy-reports"};
        }
        seed[n] = new String[] {"LOGIN_ERROR", userId, "test-app", "access_denied", "60", "reason", "mfa_no_method",
            "mfa_access", "mfa", "mfa_policies", "staff need mfa"};
        runOnServer.run(SeededEvents.store(seed));

        Map<String, Object> after = overview(token);
        assertEquals(9, attempts(after) - attempts(before), "4 + 2 SMS and 3 push attempts");
        assertEquals(2, sum(after, "failures") - sum(before, "failures"));
        assertEquals(7, sum(after, "messagesSent") - sum(before, "messagesSent"));
        Map<String, Object> refusals = (Map<String, Object>) after.get("refusals");
        assertEquals(4, ((Number) refusals.get("total")).longValue()
                - ((Number) ((Map<String, Object>) before.get("refusals")).get("total")).longValue());

        String admin = ConsoleAdmins.realmAdmin(realm);
        for (String language : List.of("en", "nl")) {
            try (AdminConsoleBrowser browser = new AdminConsoleBrowser(language)) {
                browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
                browser.open("#/overview");
                browser.waitUntil(() -> !browser.all("#mfa-overview-summary").isEmpty());
                String summary = browser.text("#mfa-overview-summary");
                // Other test classes sign in with Keycloak's clock moved ahead: their events, stamped in the future,
                // join "today" when real time reaches them, even while the page loads. So each number the page shows
                // lies between what the REST answered just before and just after it was read.
                Map<String, Object> now = overview(token);
                if (language.equals("en")) {
                    assertTrue(summary.matches("Second-factor sign-ins: \\d+ \\(\\d+ failed\\) · messages sent: \\d+"
                            + " · refusals by policy in the last 24 hours: \\d+\\."), summary);
                    long[] shown = numbers(summary);
                    long[] low = numbers(englishSummary(after));
                    long[] high = numbers(englishSummary(now));
                    for (int i = 0; i < shown.length; i++) {
                        assertTrue(Math.min(low[i], high[i]) <= shown[i] && shown[i] <= Math.max(low[i], high[i]),
                                summary + " lies outside " + englishSummary(after) + " .. " + englishSummary(now));
                    }
                    String signIns = browser.driver().findElement(org.openqa.selenium.By.cssSelector(
                            "table[data-chart='sign-ins']")).getDomProperty("textContent");
                    assertTrue(signIns.contains("Push (companion app)"), signIns);
                    String refusalTable = browser.driver().findElement(org.openqa.selenium.By.cssSelector(
                            "table[data-chart='refusals']")).getDomProperty("textContent");
                    assertTrue(refusalTable.contains("block legacy-reports" + named(refusals.get("byPolicy"),
                            "block legacy-reports")), refusalTable);
                    assertTrue(refusalTable.contains("staff need mfa"), refusalTable);
                    assertTrue(browser.text("#mfa-overview-budget").contains("2,000"), "the demo's hourly budget");
                } else {
                    assertTrue(summary.startsWith("Aanmeldingen met tweede factor: "), summary);
                    long shown = numbers(summary)[0];
                    assertTrue(attempts(after) <= shown && shown <= attempts(now), summary);
                }
                for (String chart : List.of("sign-ins", "messages", "coverage", "refusals", "reasons")) {
                    assertEquals(1, browser.all("#mfa-overview-" + chart + " canvas").size(), chart + ": an ECharts canvas");
                }
                assertTrue(browser.text("#mfa-overview-campaign").contains("/pilot"), browser.text("#mfa-overview-campaign"));
                browser.screenshots("console-overview-" + language);
                assertEquals(List.of(), browser.cspViolations());
            }
        }
    }

    @Test
    public void viewEventsWithoutViewUsersShowsTheOverviewWithoutCoverage() {
        String events = ConsoleAdmins.withRoles(realm, "console-events", "view-events");
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), events, DemoUsers.PASSWORD);
            assertTrue(browser.navPages().containsAll(List.of("overview", "sign-ins")), browser.navPages().toString());
            browser.open("#/overview");
            browser.waitUntil(() -> !browser.all("#mfa-overview-summary").isEmpty());
            assertEquals("Coverage needs the view-users role.", browser.text("#mfa-overview-coverage .mfa-muted"));
        }
    }

    @SuppressWarnings("unchecked")
    private static String englishSummary(Map<String, Object> overview) {
        Map<String, Object> refusals = (Map<String, Object>) overview.get("refusals");
        return "Second-factor sign-ins: " + attempts(overview) + " (" + sum(overview, "failures") + " failed)"
                + " · messages sent: " + sum(overview, "messagesSent") + " · refusals by policy in the last 24 hours: "
                + refusals.get("total") + ".";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> overview(String token) {
        HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase()
                + "/admin/realms/" + realm.getName() + "/mfa/overview?days=14")).header("Authorization", "Bearer " + token)
                .GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return AdminApi.json(response.body(), Map.class);
    }

    private static long[] numbers(String summary) {
        return java.util.regex.Pattern.compile("\\d+").matcher(summary).results()
                .mapToLong(m -> Long.parseLong(m.group())).toArray();
    }

    private static long attempts(Map<String, Object> overview) {
        return sum(overview, "attempts");
    }

    @SuppressWarnings("unchecked")
    private static long sum(Map<String, Object> overview, String field) {
        return ((List<Map<String, Object>>) overview.get("totals")).stream()
                .mapToLong(t -> ((Number) t.get(field)).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private static long named(Object counts, String name) {
        return ((List<Map<String, Object>>) counts).stream().filter(c -> name.equals(c.get("name")))
                .mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
    }
}
