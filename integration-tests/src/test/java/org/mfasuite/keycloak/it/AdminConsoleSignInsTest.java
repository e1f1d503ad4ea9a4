package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's Sign-in log in Chromium: a realm admin finds a refused sign-in by the helpdesk reference its user
 * read out, filters one user's sign-ins by result, method and client, opens a row's details and downloads the CSV;
 * an account without view-events sees neither the log nor the overview. Sign-ins seeded through Keycloak's event
 * store ({@link SeededEvents}).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleSignInsTest extends DemoRealmTest {

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void aRealmAdminFindsFiltersAndDownloadsSignIns() throws IOException {
        String user = DemoUsers.uniqueName("log-ui");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String reference = "7KQ2-" + randomDigits(4);
        runOnServer.run(SeededEvents.store(new String[][] {
            {"LOGIN", userId, "test-app", "", "600", "username", user, "mfa_method", "sms", "mfa_result", "valid",
                "mfa_phone", "+46 70•••••12"},
            {"LOGIN_ERROR", userId, "test-app", "invalid_user_credentials", "500", "username", user, "mfa_method", "sms",
                "reason", "wrong_code", "mfa_phone", "+46 70•••••12"},
            {"LOGIN", userId, "account-console", "", "400", "username", user, "mfa_method", "push", "mfa_result", "valid",
                "mfa_device", "Pixel 8"},
            {"LOGIN_ERROR", userId, "legacy-reports", "access_denied", "300", "username", user, "mfa_method", "password",
                "reason", "mfa_policy_block", "mfa_access", "block", "mfa_policies", "block legacy-reports",
                "mfa_ref", reference}}));
        String admin = ConsoleAdmins.realmAdmin(realm);
        for (String language : List.of("en", "nl")) {
            try (AdminConsoleBrowser browser = new AdminConsoleBrowser(language)) {
                browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
                browser.open("#/sign-ins");
                browser.waitUntil(() -> !browser.all("#mfa-sign-ins-results tbody.mfa-sign-in, #mfa-sign-ins-empty").isEmpty());

                // find by reference, typed as read out on the phone
                browser.find("#mfa-reference").sendKeys(" " + reference.toLowerCase().replace("-", " ") + " ");
                browser.find("#mfa-reference-find").click();
                browser.waitUntil(() -> !browser.all("#mfa-reference-result tbody.mfa-sign-in").isEmpty());
                String found = browser.text("#mfa-reference-result");
                assertTrue(found.contains(reference), found);
                assertTrue(found.contains("block legacy-reports"), "its policy, in the full details: " + found);
                assertTrue(found.contains("legacy-reports") && found.contains(user), found);

                // filters: the user's three second-factor sign-ins, then failures only, push only, one client
                browser.find("#mfa-filter-user").sendKeys(user);
                assertEquals(3, apply(browser), browser.text("#mfa-sign-ins-results"));
                new Select(browser.find("#mfa-filter-result")).selectByValue("failure");
                assertEquals(1, apply(browser));
                assertEquals("sms", browser.find("#mfa-sign-ins-results tbody.mfa-sign-in").getDomAttribute("data-method"));
                new Select(browser.find("#mfa-filter-result")).selectByValue("");
                new Select(browser.find("#mfa-filter-method")).selectByValue("push");
                assertEquals(1, apply(browser));
                new Select(browser.find("#mfa-filter-method")).selectByValue("");
                browser.find("#mfa-filter-client").sendKeys("account-console");
                assertEquals(1, apply(browser));
                browser.find("#mfa-filter-client").clear();
                assertEquals(3, apply(browser));

                // a row's full details
                browser.find("#mfa-sign-ins-results .mfa-row-toggle").click();
                browser.waitUntil(() -> browser.find("#mfa-sign-ins-results .pf-v5-c-table__expandable-row").isDisplayed());
                assertTrue(browser.text("#mfa-sign-ins-results .mfa-event-details").contains("mfa_method"));
                browser.screenshots("console-sign-ins-" + language);

                if (language.equals("en")) {
                    // the CSV of the same filters
                    Path downloads = Files.createTempDirectory("mfa-csv");
                    browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
                    browser.find("#mfa-sign-ins-csv").click();
                    Path csv = downloads.resolve("mfa-sign-ins.csv");
                    browser.waitUntil(() -> Files.exists(csv) && size(csv) > 0);
                    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                    assertEquals(4, lines.size(), "a header and the three rows: " + lines);
                    assertTrue(lines.get(0).contains("time,username"), lines.get(0));
                    assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(user)), lines.toString());
                }
                assertEquals(List.of(), browser.cspViolations());
            }
        }
    }

    @Test
    public void anAccountWithoutViewEventsSeesNeitherTheLogNorTheOverview() {
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            assertFalse(browser.navPages().contains("sign-ins"), browser.navPages().toString());
            assertFalse(browser.navPages().contains("overview"), browser.navPages().toString());
            browser.driver().executeScript("location.hash = '#/sign-ins'");
            browser.waitUntil(() -> browser.currentPage() != null && !"sign-ins".equals(browser.currentPage()));
            assertTrue(browser.all("#mfa-reference").isEmpty(), "the log is not shown");
        }
    }

    /** Applies the filters and counts the rows shown. */
    private static int apply(AdminConsoleBrowser browser) {
        browser.find("#mfa-sign-ins-apply").click();
        browser.waitUntil(() -> !browser.all("#mfa-sign-ins-results tbody.mfa-sign-in, #mfa-sign-ins-empty").isEmpty()
                && browser.all("#mfa-sign-ins-results .mfa-loading").isEmpty());
        return browser.all("#mfa-sign-ins-results tbody.mfa-sign-in").size();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Digits of the helpdesk references' alphabet (Crockford's base 32). */
    private static String randomDigits(int n) {
        String digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder out = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            out.append(digits.charAt(random.nextInt(digits.length())));
        }
        return out.toString();
    }
}
