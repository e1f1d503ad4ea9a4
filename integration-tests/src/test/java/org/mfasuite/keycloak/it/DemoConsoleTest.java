package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/**
 * The README's console users as shipped in the demo realm: {@code helpdesk} (view-users, view-events) and
 * {@code demo-admin} (realm-admin) sign in to {@code /realms/demo/mfa-admin/} through the demo's own browser flow,
 * with the SMS code from the outbox, and see the pages their rights allow.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class DemoConsoleTest extends DemoRealmTest {

    static final String HELPDESK_PHONE = "+46701234511";
    static final String ADMIN_PHONE = "+46701234522";

    @BeforeAll
    static void needsChromium() {
        AdminConsoleBrowser.assumeChromium();
    }

    @Test
    public void theHelpdeskSeesUsersAndTheLogButCannotReset() {
        try (AdminConsoleBrowser browser = signInWithSms("helpdesk", HELPDESK_PHONE)) {
            assertEquals(List.of("overview", "sign-ins", "users", "tokens", "fraud"), browser.navPages(), browser.diagnostics());
            browser.open("#/users/" + realm.admin().users().search("alice", true).get(0).getId());
            browser.waitUntil(() -> browser.pageText().contains("alice") && browser.pageText().contains("Phone"));
            assertTrue(browser.driver().findElements(By.xpath("//button[contains(., 'Reset methods')]")).isEmpty(),
                    "view-users only: no reset button");
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }

    @Test
    public void theDemoAdminSeesEveryPage() {
        try (AdminConsoleBrowser browser = signInWithSms("demo-admin", ADMIN_PHONE)) {
            assertEquals(List.of("overview", "sign-ins", "policies", "users", "tokens", "fraud", "imports"), browser.navPages(),
                    browser.diagnostics());
            browser.open("#/policies");
            browser.waitUntil(() -> browser.pageText().contains("staff need mfa"));
            assertEquals(List.of(), browser.cspViolations(), AdminConsoleBrowser.lines(browser.browserLog()));
        }
    }

    private AdminConsoleBrowser signInWithSms(String username, String phone) {
        AdminConsoleBrowser browser = new AdminConsoleBrowser("en");
        browser.signIn(realm.getBaseUrl() + "/mfa-admin/", username, username, false);
        browser.waitUntil(() -> !browser.driver().findElements(By.id("code")).isEmpty());
        browser.driver().findElement(By.id("code")).sendKeys(Outbox.lastCodeTo(phone));
        browser.driver().findElement(By.id("kc-login")).click();
        browser.waitForStart();
        return browser;
    }
}
