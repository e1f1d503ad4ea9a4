package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/** "Sign in another way" on the SMS page: the user's other methods one click away, or whom to contact without them. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SignInAnotherWayTest extends DemoRealmTest {

    /** No language cookie from an earlier test: the pages in the realm's default language. */
    @org.junit.jupiter.api.BeforeEach
    void noLanguageCookie() {
        driver.driver().manage().deleteAllCookies();
    }

    @Test
    public void withAnotherMethodThePageListsItAndSwitchesToIt() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("two-ways");
        DemoUsers.withPhones(realm, user, true, phone);
        submitPassword(user, DemoUsers.PASSWORD);

        smsPage.assertCurrent();
        assertEquals("Sign in another way", driver.findElement(By.id("mfa-other-ways-title")).getText());
        assertEquals(List.of("Authenticator Application"), smsPage.otherWays(), "the current method is not listed");
        assertEquals("", smsPage.noOtherWay());
        assertTrue(driver.driver().findElements(By.id("kc-select-try-another-way-form")).isEmpty(),
                "the page's own list, not Keycloak's \"Try Another Way\" link as well");
        smsPage.signInAnotherWay("Authenticator Application");
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, 0));
        driver.findElement(By.id("kc-login")).click();
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(0, Outbox.countTo(phone), "no SMS was sent");
    }

    /** An imported OATH token is an OTP credential to Keycloak, which calls it "Authenticator Application". */
    @Test
    public void aHardwareTokenIsCalledAHardwareToken() {
        String user = DemoUsers.uniqueName("token");
        CredentialRepresentation token = new CredentialRepresentation();
        token.setType("otp");
        token.setUserLabel("Contoso HardwareKey #1234567");
        token.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        token.setSecretData("{\"value\":\"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\"}");
        // the phone as the admin's default: without it the token, the stronger method, would start the sign-in
        DemoUsers.create(realm, user, List.of(), false, List.of(token, DemoUsers.phoneChosenByAdmin()), DemoUsers.uniquePhone());
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertEquals(List.of("Hardware token"), smsPage.otherWays());
        assertFalse(driver.driver().getPageSource().contains("Authenticator Application"));
    }

    @Test
    public void withoutAnotherMethodThePageSaysSoAndNamesTheHelpdesk() {
        submitPassword("alice", "alice");
        smsPage.assertCurrent();
        assertFalse(smsPage.hasTryAnotherWay());
        String said = smsPage.noOtherWay();
        assertTrue(said.contains("You have no other sign-in method set up."), said);
        assertTrue(said.contains("helpdesk@example.org"), said);
        smsPage.enterCode(Outbox.lastCodeTo(SmsSignInTest.ALICE_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void inSwedishUnderTheClassicTheme() {
        realm.updateWithCleanup(r -> {
            r.build().setLoginTheme("keycloak");
            return r;
        });
        String user = DemoUsers.uniqueName("sv");
        DemoUsers.withPhones(realm, user, true, DemoUsers.uniquePhone());
        oauth.loginForm().uiLocales("sv").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.assertCurrent();
        assertEquals("Logga in på ett annat sätt", driver.findElement(By.id("mfa-other-ways-title")).getText());
        assertEquals(1, smsPage.otherWays().size());
    }
}
