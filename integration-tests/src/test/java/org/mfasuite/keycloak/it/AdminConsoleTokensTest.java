package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's Hardware tokens page in Chromium: a realm admin uploads a CSV, reads the dry run's rows, imports,
 * finds the tokens in the pool and assigns one to a user; a view-users-only account sees the pool and no import or
 * assign. Also the REST dry run itself ({@code ?dry-run=true}: the report, nothing stored).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleTokensTest extends DemoRealmTest {

    private static final String HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private AdminApi admin;
    private OathTokenApi tokens;

    @BeforeEach
    void apis() {
        admin = new AdminApi(realm, urls);
        tokens = new OathTokenApi(realm, urls);
    }

    @Test
    public void aDryRunAnswersTheImportsReportAndStoresNothing() {
        String token = admin.tokenWithRoles("manage-users");
        String serial = "DRY" + System.nanoTime();
        String csv = HEADER + "," + serial + "," + SECRET + ",30,Contoso,Key\n";
        HttpResponse<String> dry = tokens.importFile(token, "text/csv", csv.getBytes(StandardCharsets.UTF_8),
                "?dry-run=true", Map.of());
        assertEquals(200, dry.statusCode(), dry.body());
        Map<String, Object> report = HttpCalls.json(dry);
        assertEquals(Boolean.TRUE, report.get("dryRun"));
        assertEquals(Boolean.FALSE, report.get("committed"));
        assertEquals(1, report.get("pooled"));
        assertFalse(tokens.inventory(token).contains(serial + "=pool"), "nothing stored");

        String bad = HEADER + "nobody-" + System.nanoTime() + "," + serial + "," + SECRET + ",30,Contoso,Key\n";
        HttpResponse<String> refused = tokens.importFile(token, "text/csv", bad.getBytes(StandardCharsets.UTF_8),
                "?dry-run=true", Map.of());
        assertEquals(400, refused.statusCode(), "the import would refuse it: " + refused.body());
        assertTrue(refused.body().contains("unknown-user"), refused.body());

        assertEquals(403, tokens.importFile(admin.tokenWithRoles("view-users"), "text/csv",
                csv.getBytes(StandardCharsets.UTF_8), "?dry-run=true", Map.of()).statusCode(), "view-users may not");

        assertEquals(200, tokens.importCsv(token, csv, false).statusCode());
        assertTrue(tokens.inventory(token).contains(serial + "=pool"));
    }

    @Test
    public void anAdminChecksImportsAndAssignsATokenInTheBrowser() throws IOException {
        Assumptions.assumeTrue(AdminConsoleBrowser.missing() == null, AdminConsoleBrowser.missing());
        String holder = DemoUsers.uniqueName("token-holder");
        DemoUsers.create(realm, holder, List.of(), false);
        String assignee = DemoUsers.uniqueName("token-assignee");
        DemoUsers.create(realm, assignee, List.of(), false);
        String prefix = "UI" + (System.nanoTime() % 1_000_000_000L);
        String csv = HEADER + holder + "," + prefix + "A," + SECRET + ",30,Contoso,HardwareKey\n"
                + "," + prefix + "B," + SECRET + ",30,Contoso,HardwareKey\n"
                + "," + prefix + "C," + SECRET + ",60,Feitian,C200\n";
        Path file = Files.createTempFile("tokens", ".csv");
        Files.writeString(file, csv);
        String adminUser = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), adminUser, DemoUsers.PASSWORD);
            browser.open("#/tokens");
            browser.find("#tokens-file").sendKeys(file.toAbsolutePath().toString());
            browser.find("#tokens-check").click();

            browser.waitUntil(() -> browser.all("#tokens-report-table tbody tr").size() == 3);
            assertEquals(List.of("assigned", "imported", "imported"), browser.all("#tokens-report-table tbody tr").stream()
                    .map(r -> r.getDomAttribute("data-status")).toList());
            assertTrue(browser.text("#tokens-report").contains("would be assigned"), browser.text("#tokens-report"));
            assertTrue(browser.text("#tokens-report").contains("Nothing has been stored yet"));
            String masterless = admin.tokenWithRoles("view-users");
            assertFalse(tokens.inventory(masterless).stream().anyMatch(s -> s.startsWith(prefix)), "the dry run stored nothing");
            browser.screenshots("console-tokens-dry-run-en");

            WebElement importButton = browser.find("#tokens-import");
            assertTrue(importButton.isEnabled());
            importButton.click();
            browser.waitUntil(() -> browser.text("#tokens-report").contains("3 tokens imported"));
            assertEquals(List.of("assigned", "imported", "imported"), browser.all("#tokens-report-table tbody tr").stream()
                    .map(r -> r.getDomAttribute("data-status")).toList());
            assertTrue(tokens.inventory(masterless).containsAll(List.of(prefix + "A=assigned", prefix + "B=pool",
                    prefix + "C=pool")), tokens.inventory(masterless).toString());

            // the pool lists the two pooled tokens; assign B to a user
            browser.waitUntil(() -> !browser.all("#tokens-list tr[data-serial='" + prefix + "B']").isEmpty());
            assertFalse(browser.all("#tokens-list tr[data-serial='" + prefix + "C']").isEmpty());
            browser.find("button.tokens-assign[data-serial='" + prefix + "B']").click();
            browser.find("#tokens-assign-user").sendKeys(assignee);
            browser.screenshots("console-tokens-assign-en");
            browser.find("#tokens-assign-submit").click();
            browser.waitUntil(() -> browser.all("#tokens-list tr[data-serial='" + prefix + "B']").isEmpty());
            assertTrue(browser.text("#mfa-toasts").contains(prefix + "B"), browser.text("#mfa-toasts"));
            assertTrue(tokens.inventory(masterless).contains(prefix + "B=assigned"));

            new Select(browser.find("#tokens-status")).selectByValue("assigned");
            browser.waitUntil(() -> !browser.all("#tokens-list tr[data-serial='" + prefix + "B']").isEmpty());
            assertTrue(browser.find("#tokens-list tr[data-serial='" + prefix + "B']").getText().contains(assignee));
            browser.screenshots("console-tokens-assigned-en");

            new Select(browser.find("#mfa-language")).selectByValue("sv");
            browser.waitUntil(() -> "Hårdvarunycklar".equals(browser.text("#mfa-page-title")));
            browser.find("#tokens-list tr[data-serial]");
            browser.screenshots("console-tokens-sv");
            new Select(browser.find("#mfa-language")).selectByValue("en");

            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void aHelpdeskAccountSeesThePoolButCannotImportOrAssign() {
        Assumptions.assumeTrue(AdminConsoleBrowser.missing() == null, AdminConsoleBrowser.missing());
        String serial = "HD" + (System.nanoTime() % 1_000_000_000L);
        assertEquals(200, tokens.importCsv(admin.tokenWithRoles("manage-users"),
                HEADER + "," + serial + "," + SECRET + ",30,Contoso,Key\n", false).statusCode());
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            browser.open("#/tokens");
            browser.waitUntil(() -> !browser.all("#tokens-list tr[data-serial='" + serial + "']").isEmpty());
            assertTrue(browser.all("#tokens-import-form").isEmpty(), "no import for view-users");
            assertTrue(browser.all("button.tokens-assign").isEmpty(), "no assign for view-users");
            assertTrue(browser.driver().findElements(By.cssSelector("#tokens-file")).isEmpty());
            browser.screenshots("console-tokens-helpdesk-en");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }

}
