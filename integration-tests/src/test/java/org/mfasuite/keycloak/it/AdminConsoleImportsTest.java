package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The console's Phone import page in Chromium: a realm admin uploads an MFA Server CSV, reads the dry run (a
 * refused file, then with "import the good lines"), imports, and the report's CSV neutralises formula cells; an
 * account with view-users only has no such page.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleImportsTest extends DemoRealmTest {

    @Test
    public void anAdminChecksThenImportsPhonesInTheBrowser() throws IOException {
        AdminConsoleBrowser.assumeChromium();
        String user = DemoUsers.uniqueName("imp-ui");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String phone = DemoUsers.uniquePhone();
        Path file = Files.createTempFile("phones", ".csv");
        Files.writeString(file, "Username;Phone;Method\r\n" + user + ";0" + phone.substring(3) + ";Text Message\r\n"
                + "=HYPERLINK(\"http://evil\");+46701234567;\r\n");
        String adminUser = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), adminUser, DemoUsers.PASSWORD);
            assertTrue(browser.navPages().contains("imports"), browser.navPages().toString());
            browser.open("#/imports");
            browser.find("#imports-file").sendKeys(file.toAbsolutePath().toString());
            browser.find("#imports-check").click();

            browser.waitUntil(() -> browser.all("#imports-report-table tbody tr").size() == 3);
            assertEquals(List.of("skipped", "not-imported", "not-imported"), browser.all("#imports-report-table tbody tr")
                    .stream().map(r -> r.getDomAttribute("data-status")).toList(), "problems first");
            assertTrue(browser.text("#imports-report").contains("The import would refuse this file"),
                    browser.text("#imports-report"));
            assertTrue(browser.text("#imports-report-table").contains("'=HYPERLINK"), "neutralised on the page too");
            assertFalse(browser.find("#imports-import").isEnabled(), "a refused file cannot be imported");

            browser.find("#imports-partial").click();
            browser.find("#imports-check").click();
            browser.waitUntil(() -> browser.text("#imports-report").contains("Nothing has been stored yet"));
            assertTrue(browser.text("#imports-report-table").contains("would be added"), browser.text("#imports-report-table"));
            assertEquals(1, realm.admin().users().get(userId).credentials().size(), "the dry run stored nothing");
            browser.screenshots("console-imports-dry-run-en");

            // as JSON: WebDriver would turn the CSV's CRLF into LF on the way back
            String csv = org.keycloak.util.JsonSerialization.readValue((String) browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "import(new URL('pages/imports.js', location.href).href).then(m => done(JSON.stringify(m.reportCsv("
                    + "[{row: 2, user: \"=HYPERLINK(\\\"http://evil\\\")\", status: 'skipped', reason: 'unknown-user'}]))))"),
                    String.class);
            assertTrue(csv.startsWith("\uFEFFrow,user,column,number,method,status,reason,message\r\n"), csv);
            assertTrue(csv.contains("2,\"'=HYPERLINK(\"\"http://evil\"\")\",,,,skipped,unknown-user,"), csv);

            browser.find("#imports-import").click();
            browser.waitUntil(() -> browser.text("#imports-report").contains("Imported: 1 numbers added, 1 defaults set"));
            assertTrue(realm.admin().users().get(userId).credentials().get(0).getCredentialData().contains(phone),
                    "the phone, and it is the default");
            assertTrue(browser.find("#imports-csv").isDisplayed());
            browser.screenshots("console-imports-report-en");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        } finally {
            Files.deleteIfExists(file);
        }

        try (AdminConsoleBrowser viewer = new AdminConsoleBrowser("en")) {
            viewer.signIn(realm.getBaseUrl(), ConsoleAdmins.viewUsersOnly(realm), DemoUsers.PASSWORD);
            assertFalse(viewer.navPages().contains("imports"), viewer.navPages().toString());
            assertTrue(viewer.navPages().contains("tokens"), viewer.navPages().toString());
        }
    }
}
