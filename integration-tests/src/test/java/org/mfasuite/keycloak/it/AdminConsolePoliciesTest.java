package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Conditional access page in Chromium: a demo policy with a one-letter group typo is flagged in the table, its
 * form refuses the typo at the field and accepts the fix, what-if answers in words; an account without view-realm
 * does not see the page, one without manage-realm sees no Edit. Screenshots in English and German, narrow and wide.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsolePoliciesTest extends DemoRealmTest {

    private static final String STAFF = "staff need mfa";

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void aTypoIsFlaggedRefusedAtItsFieldAndTheFixIsSaved() {
        String admin = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
            // after signing in: with the typo the policy blocks everyone outside the office, the admin too
            AccessPolicyConfig.set(realm, STAFF, Map.of("include-groups", "/stafff"));
            browser.open("#/policies");
            WebElement row = browser.find("tr[data-policy='" + STAFF + "']");
            browser.waitUntil(() -> !row.findElements(org.openqa.selenium.By.cssSelector(".mfa-problem")).isEmpty());
            String problem = row.findElement(org.openqa.selenium.By.cssSelector(".mfa-problem")).getText();
            assertTrue(problem.contains("Include groups") && problem.contains("/stafff"), problem);
            assertTrue(row.getText().contains("groups /stafff"), "who, in words: " + row.getText());
            browser.waitUntil(() -> !browser.all(".mfa-impact-counts").isEmpty());
            browser.screenshots("console-policies-en");

            row.findElement(org.openqa.selenium.By.linkText("Edit")).click();
            WebElement groups = browser.find("#policy-field-include-groups");
            assertEquals("/stafff", groups.getDomProperty("value"));
            browser.find("#policy-save").click();
            browser.waitUntil(() -> browser.find("#policy-error-include-groups").isDisplayed());
            assertTrue(browser.text("#policy-error-include-groups").contains("/stafff"), browser.diagnostics());
            assertEquals("true", groups.getDomAttribute("aria-invalid"));
            assertEquals("/stafff", realm.admin().flows().getAuthenticatorConfig(configId()).getConfig()
                    .get("include-groups"), "refused: nothing saved");
            browser.screenshots("console-policy-form-refused-en");

            groups.clear();
            groups.sendKeys("/staff");
            browser.find("#policy-save").click();
            browser.waitUntil(() -> browser.all("#policy-form").isEmpty());
            assertEquals("/staff", realm.admin().flows().getAuthenticatorConfig(configId()).getConfig()
                    .get("include-groups"));
            WebElement fixed = browser.find("tr[data-policy='" + STAFF + "']");
            assertTrue(fixed.findElements(org.openqa.selenium.By.cssSelector(".mfa-problem")).isEmpty(), fixed.getText());

            // what is typed survives a reload, which signs in again as after a session expiry: the form keeps a draft
            // (with the typo still saved this sign-in would have been blocked: the policy covered everyone)
            fixed.findElement(org.openqa.selenium.By.linkText("Edit")).click();
            browser.find("#policy-field-exclude-users").sendKeys("break-glass");
            browser.driver().navigate().refresh();
            browser.waitForStart();
            assertEquals("break-glass", browser.find("#policy-field-exclude-users").getDomProperty("value"));
            assertTrue(browser.pageText().contains("Your unsaved changes were restored."), browser.diagnostics());
            browser.find("#policy-save").click();
            browser.waitUntil(() -> browser.all("#policy-form").isEmpty());
            assertEquals("break-glass", realm.admin().flows().getAuthenticatorConfig(configId()).getConfig()
                    .get("exclude-users"));

            whatIf(browser, "sam", "legacy-reports", "198.51.100.7");
            browser.waitUntil(() -> "block".equals(browser.find("#whatif-answer > div").getDomAttribute("data-grant")));
            assertEquals("Blocked.", browser.text("#whatif-decision"));
            assertTrue(browser.text("#whatif-evaluations").contains("block legacy-reports applies"), browser.diagnostics());
            browser.screenshots("console-policies-what-if-en");
            assertEquals(List.of(), browser.cspViolations());
        }
    }

    @Test
    public void inGermanWithoutManageRealmThereIsNoEditAndWithoutViewRealmNoPage() {
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            assertFalse(browser.navPages().contains("policies"), browser.navPages().toString());
            browser.driver().executeScript("location.hash = '#/policies'");
            browser.waitUntil(() -> browser.currentPage() != null && !"policies".equals(browser.currentPage()));
            assertTrue(browser.all("#policies-table").isEmpty());
        }
        String viewer = ConsoleAdmins.withRoles(realm, "console-viewer", "view-realm", "view-events", "view-users");
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("de")) {
            browser.signIn(realm.getBaseUrl(), viewer, DemoUsers.PASSWORD);
            AccessPolicyConfig.set(realm, STAFF, Map.of("include-groups", "/stafff"));
            browser.open("#/policies");
            WebElement row = browser.find("tr[data-policy='" + STAFF + "']");
            browser.waitUntil(() -> !browser.all(".mfa-impact-counts").isEmpty());
            assertTrue(row.getText().contains("Gruppe /stafff existiert in diesem Realm nicht"), row.getText());
            assertTrue(browser.all("a[href^='#/policies/edit/']").isEmpty(), "no Edit without manage-realm");
            whatIf(browser, "alice", "legacy-reports", "203.0.113.5");
            browser.waitUntil(() -> "block".equals(browser.find("#whatif-answer > div").getDomAttribute("data-grant")));
            assertEquals("Gesperrt.", browser.text("#whatif-decision"));
            browser.screenshots("console-policies-de");
            assertEquals(List.of(), browser.cspViolations());
        }
    }

    private static void whatIf(AdminConsoleBrowser browser, String user, String client, String address) {
        for (Map.Entry<String, String> field : Map.of("#whatif-username", user, "#whatif-clientId", client,
                "#whatif-ipAddress", address).entrySet()) {
            WebElement input = browser.find(field.getKey());
            input.clear();
            input.sendKeys(field.getValue());
        }
        new Select(browser.find("#whatif-clientType")).selectByValue("browser");
        browser.find("#whatif-ask").click();
    }

    private String configId() {
        return realm.admin().flows().getExecutions(AccessPolicyConfig.BROWSER_FLOW).stream()
                .map(e -> e.getAuthenticationConfig())
                .filter(id -> id != null && STAFF.equals(realm.admin().flows().getAuthenticatorConfig(id).getAlias()))
                .findFirst().orElseThrow();
    }
}
