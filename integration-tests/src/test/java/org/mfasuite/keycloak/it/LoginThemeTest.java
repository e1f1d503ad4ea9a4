package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.openqa.selenium.By;

/** The pages ship as theme resources: they must work under Keycloak's classic login theme too. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class LoginThemeTest extends DemoRealmTest {

    @InjectPage
    PhoneRegisterPage registerPage;

    @InjectPage
    AppPasswordPage appPasswordPage;

    @BeforeEach
    void classicTheme() {
        realm.updateWithCleanup(r -> {
            r.build().setLoginTheme("keycloak");
            return r;
        });
    }

    @Test
    public void smsSignInWorksUnderTheClassicTheme() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("classic");
        DemoUsers.withPhones(realm, user, false, phone);

        oauth.openLoginForm();
        submitOnClassicPage(user);
        smsPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("login-pf"), "rendered by the classic theme");

        smsPage.enterCode(SmsSignInTest.wrong(Outbox.lastCodeTo(phone)));
        assertTrue(smsPage.codeError().contains("2 more tries"), smsPage.codeError());
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void phoneRegistrationWorksUnderTheClassicTheme() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("classicreg");
        DemoUsers.create(realm, user, List.of("mfa-phone-register"), false);

        oauth.openLoginForm();
        submitOnClassicPage(user);
        registerPage.assertCurrent();
        registerPage.enterNumber("abc");
        assertEquals("That does not look like a valid phone number.", registerPage.numberError().trim());
        registerPage.enterNumber(phone);
        registerPage.assertVerifyPage();
        registerPage.enterCode(Outbox.lastCodeTo(phone));
        registerPage.confirmAdded();
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void appPasswordCreationWorksUnderTheClassicTheme() {
        String user = DemoUsers.uniqueName("classicapp");
        String phone = DemoUsers.uniquePhone();
        DemoUsers.create(realm, user, List.of("mfa-app-password-create"), false, phone);

        oauth.openLoginForm();
        submitOnClassicPage(user);
        smsPage.enterCode(Outbox.lastCodeTo(phone)); // creating an app password needs a second factor
        appPasswordPage.assertCurrent();
        appPasswordPage.create("", null, null);
        assertEquals("Enter a name for the app password.", appPasswordPage.nameError().trim());
        appPasswordPage.create("Classic mail", null, 90);
        assertTrue(appPasswordPage.shownPassword().matches("[a-z]{4}( [a-z]{4}){6}"));
        assertTrue(driver.driver().getPageSource().contains("alert-warning"), "the classic theme's warning box");
        appPasswordPage.done();
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    /** The classic login page has the same field ids but not the v2 page object's expectations. */
    private void submitOnClassicPage(String user) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }
}
