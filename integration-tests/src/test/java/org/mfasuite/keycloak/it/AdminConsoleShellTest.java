package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's shell in Chromium: sign-in through Keycloak's login page (authorization code + PKCE), the nav the
 * admin's rights allow, the router, the language picker, the page for an account without rights, and a server
 * admin in {@code master} administering another realm. No CSP violation anywhere.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleShellTest extends DemoRealmTest {

    @InjectAdminClient
    Keycloak keycloak;

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void aRealmAdminSignsInAndSeesEveryPageInTheNav() {
        String admin = ConsoleAdmins.realmAdmin(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), admin, DemoUsers.PASSWORD);
            assertEquals(List.of("overview", "sign-ins", "policies", "users", "tokens", "fraud", "imports"), browser.navPages());
            assertTrue(browser.text("#mfa-realm").contains("demo"), browser.diagnostics());
            assertEquals(admin, browser.text("#mfa-username"));
            assertTrue(browser.currentPage() != null, "a default route: " + browser.diagnostics());

            browser.open("#/tokens");
            assertEquals("Hardware tokens", browser.text("#mfa-page-title"));
            assertEquals("page", browser.find("#mfa-nav a[data-page='tokens']").getDomAttribute("aria-current"));

            // reload keeps the route
            browser.driver().navigate().refresh();
            browser.waitForStart();
            assertEquals("tokens", browser.currentPage());
            browser.screenshots("console-shell-en");

            // a phone: the nav hides behind the toggle, opens by keyboard, and closes again once a page is chosen
            browser.phone();
            browser.waitUntil(() -> !browser.find("#mfa-sidebar").getDomAttribute("class").contains("pf-m-expanded"));
            WebElement toggle = browser.find(".mfa-nav-toggle");
            assertEquals("false", toggle.getDomAttribute("aria-expanded"));
            toggle.sendKeys(Keys.ENTER);
            browser.waitUntil(() -> browser.find("#mfa-sidebar").getDomAttribute("class").contains("pf-m-expanded"));
            assertEquals("true", toggle.getDomAttribute("aria-expanded"));
            browser.screenshot("console-nav-open-narrow");
            browser.find("#mfa-nav a[data-page='users']").sendKeys(Keys.ENTER);
            browser.waitUntil(() -> "users".equals(browser.currentPage()));
            browser.waitUntil(() -> !browser.find("#mfa-sidebar").getDomAttribute("class").contains("pf-m-expanded"));
            browser.desktop();
            browser.open("#/tokens");

            new Select(browser.find("#mfa-language")).selectByValue("sv");
            browser.waitUntil(() -> "Hårdvarunycklar".equals(browser.text("#mfa-page-title")));
            assertEquals("sv", browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"));
            browser.screenshots("console-shell-sv");

            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }

    @Test
    public void anAccountWithoutAdminRightsIsToldSo() {
        String nobody = ConsoleAdmins.noAdminRights(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), nobody, DemoUsers.PASSWORD);
            assertEquals(List.of(), browser.navPages());
            assertTrue(browser.text("#mfa-no-rights").contains("This account (" + nobody + ") has no admin rights for realm demo"),
                    browser.diagnostics());
            browser.screenshots("console-no-rights");
            assertEquals(List.of(), browser.cspViolations());
        }
    }

    @Test
    public void aHelpdeskAccountSeesOnlyThePagesOfItsRights() {
        String helpdesk = ConsoleAdmins.viewUsersOnly(realm);
        try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
            browser.signIn(realm.getBaseUrl(), helpdesk, DemoUsers.PASSWORD);
            assertEquals(List.of("users", "tokens"), browser.navPages());
            assertEquals("users", browser.currentPage(), "no overview for this account: the first page it may see");
        }
    }

    @Test
    public void aServerAdminInMasterPicksAnotherRealm() {
        String username = DemoUsers.uniqueName("server-admin");
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName("Server");
        user.setLastName("Admin");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(DemoUsers.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        String id;
        try (Response created = keycloak.realm("master").users().create(user)) {
            assertEquals(201, created.getStatus());
            String location = created.getLocation().getPath();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        try {
            keycloak.realm("master").users().get(id).roles().realmLevel()
                    .add(List.of(keycloak.realm("master").roles().get("admin").toRepresentation()));
            String master = realm.getBaseUrl().replace("/realms/demo", "/realms/master");
            try (AdminConsoleBrowser browser = new AdminConsoleBrowser("en")) {
                browser.signIn(master, username, DemoUsers.PASSWORD);
                Select realms = new Select(browser.find("select#mfa-realm"));
                assertEquals("master", realms.getFirstSelectedOption().getDomAttribute("value"));
                assertTrue(realms.getOptions().stream().anyMatch(o -> "demo".equals(o.getDomAttribute("value"))));

                realms.selectByValue("demo");
                browser.waitUntil(() -> browser.driver().getCurrentUrl().contains("?realm=demo"));
                browser.waitForStart();
                assertEquals("demo", new Select(browser.find("select#mfa-realm")).getFirstSelectedOption().getDomAttribute("value"));
                assertEquals(List.of("overview", "sign-ins", "policies", "users", "tokens", "fraud", "imports"), browser.navPages());
                browser.open("#/tokens");
                // a reload keeps the chosen realm
                browser.driver().navigate().refresh();
                browser.waitForStart();
                assertEquals("demo", new Select(browser.find("select#mfa-realm")).getFirstSelectedOption().getDomAttribute("value"));
                assertEquals("tokens", browser.currentPage());
                browser.screenshots("console-master-picks-demo");
                assertEquals(List.of(), browser.cspViolations());
            }
        } finally {
            keycloak.realm("master").users().get(id).remove();
        }
    }
}
