package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's Users page in Chromium: find a seeded user with a phone, an authenticator app, a push device, an app
 * password and a remembered device, see them (phone masked) with last use, reset them through a dialog (checked
 * through the REST too); a view-users-only helpdesk account sees the methods, no action, and the REST refuses it.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleUsersTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void anAdminFindsAUserSeesTheMethodsWithLastUseAndResetsThem() {
        SeededMethods seeded = SeededMethods.create(realm, "console-user");
        signInWithPhone(seeded);
        String admin = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
            browser.open("#/users");
            WebElement search = browser.find("#mfa-users-search");
            search.sendKeys(seeded.username);
            search.sendKeys(Keys.ENTER);
            WebElement found = browser.find("a[data-user-id='" + seeded.userId + "']");
            browser.screenshots("console-users-search-en");
            found.click();
            browser.waitUntil(() -> !browser.all("button[data-credential-id]").isEmpty());

            assertEquals(seeded.username, browser.text("#mfa-users-username"));
            String phoneRow = row(browser, "Phone");
            assertTrue(phoneRow.contains("•"), phoneRow);
            assertFalse(browser.pageText().contains(seeded.phone.substring(4)), "no full number on the page");
            assertFalse(phoneRow.contains("Not in the stored sign-ins"), "last used by the sign-in just made: " + phoneRow);
            assertTrue(row(browser, "Authenticator app").contains("Not in the stored sign-ins"), "never used");
            assertTrue(row(browser, "App password").contains("Thunderbird"));
            assertFalse(row(browser, "App password").contains("Not recorded"), "its own last use is shown");
            assertTrue(row(browser, "Remembered device").contains("Firefox on Linux"));
            assertTrue(row(browser, "Push device").contains("Pixel 8"));
            browser.waitUntil(() -> browser.pageText().contains("Recent sign-ins")
                    && browser.all("#mfa-main table").size() == 2);
            assertTrue(browser.pageText().contains("Success"), "the sign-in is listed: " + browser.pageText());
            browser.screenshots("console-users-en");

            // keyboard: the dialog takes focus, Escape closes it and gives focus back
            WebElement reset = browser.find("#mfa-users-reset");
            reset.sendKeys(Keys.ENTER);
            WebElement dialog = browser.find("[role='dialog']");
            assertTrue(dialog.findElements(By.cssSelector(":focus")).size() == 1, "focus is inside the dialog");
            assertNotNull(dialog.findElement(By.id("mfa-users-passkeys")), "also passkeys");
            browser.screenshots("console-users-reset-en");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.waitUntil(() -> browser.all("[role='dialog']").isEmpty());
            assertEquals("mfa-users-reset", browser.driver().switchTo().activeElement().getDomAttribute("id"));

            new Select(browser.find("#mfa-language")).selectByValue("sv");
            browser.waitUntil(() -> browser.pageText().contains("Inloggningsmetoder")
                    && !browser.all("button[data-credential-id]").isEmpty());
            browser.screenshots("console-users-sv");
            new Select(browser.find("#mfa-language")).selectByValue("en");
            browser.waitUntil(() -> browser.pageText().contains("Sign-in methods")
                    && !browser.all("#mfa-users-reset").isEmpty());

            // the admin's choice of default: recorded, so sign-ins start with it
            assertTrue(row(browser, "Phone").contains("Default"), row(browser, "Phone"));
            WebElement pushRow = browser.all("#mfa-main tbody tr").stream()
                    .filter(r -> r.getText().startsWith("Push device") || r.getText().contains("\nPush device"))
                    .findFirst().orElseThrow();
            pushRow.findElement(By.cssSelector("button[data-make-default]")).click();
            browser.waitUntil(() -> browser.pageText().contains("Push device is now the default")
                    && row(browser, "Push device").contains("Default"));
            assertFalse(row(browser, "Phone").contains("Default"), row(browser, "Phone"));
            assertTrue(realm.admin().users().get(seeded.userId).credentials().stream()
                    .anyMatch(c -> "mfa-default-method".equals(c.getType()) && c.getCredentialData().contains("\"chosenBy\":\"admin\"")
                            && c.getCredentialData().contains("mfa-push-device")), "recorded as the admin's choice");

            browser.find("#mfa-users-reset").click();
            browser.find("[role='dialog'] [data-action='confirm']").click();
            browser.waitUntil(() -> browser.pageText().contains("This user has no second-factor methods"));
            assertTrue(browser.pageText().contains("Must register a method at the next sign-in"));
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
        assertEquals(List.of("password"), RegistrationSteps.credentialTypes(realm, seeded.userId), "gone, says the REST");
        assertTrue(realm.admin().users().get(seeded.userId).toRepresentation().getRequiredActions().contains("mfa-register"));
    }

    @Test
    public void anAdminIssuesATemporaryAccessPassSeesItOnceAndRevokesIt() {
        String username = DemoUsers.uniqueName("console-pass");
        String userId = DemoUsers.create(realm, username, List.of(), false);
        String admin = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
            browser.open("#/users/" + userId);
            browser.waitUntil(() -> browser.pageText().contains("No temporary access pass"));
            browser.find("#mfa-users-pass-issue").click();
            browser.find("#mfa-users-pass-lifetime").sendKeys("30");
            browser.find("[role='dialog'] [data-action='confirm']").click();
            WebElement value = browser.find("#mfa-users-pass-value");
            String pass = value.getText();
            assertTrue(pass.matches("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}"), pass);
            assertTrue(browser.pageText().contains("shown only now"));
            assertNotNull(browser.find("#mfa-users-pass-copy"));
            browser.screenshots("console-users-pass-en");
            browser.find("[role='dialog'] [data-action='confirm']").click();
            browser.waitUntil(() -> browser.all("[role='dialog']").isEmpty()
                    && browser.pageText().contains("Active"));
            assertFalse(browser.pageText().contains(pass), "gone from the page once the dialog is closed");
            assertTrue(browser.text("#mfa-users-pass-facts").contains("Yes"), "one-time by default");

            browser.find("#mfa-users-pass-revoke").click();
            browser.find("[role='dialog'] [data-action='confirm']").click();
            browser.waitUntil(() -> browser.pageText().contains("No temporary access pass"));
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
        assertEquals(List.of("password"), RegistrationSteps.credentialTypes(realm, userId), "revoked, says the REST");
    }

    @Test
    public void aHelpdeskAccountWithViewUsersOnlySeesButNeverResets() {
        SeededMethods seeded = SeededMethods.create(realm, "console-helped");
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("sv")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            browser.open("#/users/" + seeded.userId);
            browser.waitUntil(() -> browser.pageText().contains("Applösenord"));
            assertTrue(row(browser, "Telefon").contains("•"));
            assertTrue(browser.all("#mfa-users-reset").isEmpty(), "no reset");
            assertTrue(browser.all("#mfa-users-require").isEmpty());
            assertTrue(browser.all("button[data-credential-id]").isEmpty(), "no remove");
            assertTrue(browser.all("#mfa-users-devices, #mfa-users-app-passwords").isEmpty());
            assertTrue(browser.pageText().contains("Tillfälligt åtkomstpass"), "the pass card, read only");
            assertTrue(browser.all("#mfa-users-pass-issue, #mfa-users-pass-revoke").isEmpty(), "no issue, no revoke");
            assertFalse(browser.pageText().contains("Senaste inloggningar"), "no sign-ins without view-events");
            browser.screenshots("console-users-helpdesk-sv");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
        AdminApi api = new AdminApi(realm, urls);
        assertEquals(403, api.reset(api.tokenWithRoles("view-users"), seeded.userId, false).statusCode(),
                "and the REST refuses");
        assertEquals(6, RegistrationSteps.credentialTypes(realm, seeded.userId).size());
    }

    /** The text of the methods table's row whose method is {@code kind}. */
    private static String row(AdminConsoleBrowser browser, String kind) {
        return browser.all("#mfa-main tbody tr").stream().map(WebElement::getText)
                .filter(t -> t.startsWith(kind) || t.contains("\n" + kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + kind + ": " + browser.pageText()));
    }

    private void signInWithPhone(SeededMethods seeded) {
        seeded.phoneFirst(realm, new AdminApi(realm, urls));
        submitPassword(seeded.username, DemoUsers.PASSWORD);
        smsPage.resend(); // the user also has an app: the first page only offers to send
        smsPage.enterCode(Outbox.lastCodeTo(seeded.phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }
}
