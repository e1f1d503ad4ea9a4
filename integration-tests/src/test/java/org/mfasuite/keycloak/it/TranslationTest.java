package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/** The SMS and registration pages render in each shipped language under the stock keycloak.v2 theme. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class TranslationTest extends DemoRealmTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv", "nl", "de"})
    public void smsPageSpeaksTheUsersLanguage(String locale) throws IOException {
        Properties messages = bundle(locale);
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("lang-" + locale);
        DemoUsers.withPhones(realm, user, false, phone);

        oauth.loginForm().uiLocales(locale).open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.assertCurrent();

        assertEquals(messages.getProperty("mfa-sms-title"), driver.findElement(By.id("kc-page-title")).getText().trim());
        smsPage.enterCode(SmsSignInTest.wrong(Outbox.lastCodeTo(phone)));
        assertEquals(format(messages, "mfa-sms-code-invalid-tries", locale, 2), smsPage.codeError().trim());
        String code = Outbox.lastCodeTo(phone);
        String expected = format(messages, "mfa-sms-text", locale, code, "MFA Suite demo", 5);
        String text = Outbox.lastMessageTo(phone).path("text").asText();
        assertEquals(expected + "\n" + format(messages, "mfa-sms-report-text", locale, Outbox.reportLinkIn(text)), text,
                "the SMS itself is translated, its report link too");
        assertFalse(text.contains("@"), "no hostname configured: no origin-bound line taken from the request's Host header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv", "nl", "de"})
    public void appPasswordPagesSpeakTheUsersLanguage(String locale) throws IOException {
        Properties messages = bundle(locale);
        String user = DemoUsers.uniqueName("apppw-" + locale);
        String phone = DemoUsers.uniquePhone();
        DemoUsers.create(realm, user, java.util.List.of("mfa-app-password-create"), false, phone);

        oauth.loginForm().uiLocales(locale).open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.enterCode(Outbox.lastCodeTo(phone)); // creating an app password needs a second factor
        AppPasswordPage page = new AppPasswordPage(driver);
        page.assertCurrent();
        assertEquals(messages.getProperty("mfa-app-password-create-title"), page.title());
        page.create("", null, null);
        assertEquals(messages.getProperty("mfa-app-password-name-missing"), page.nameError().trim());
        page.create("Mail", null, null);
        page.shownPassword();
        assertEquals(messages.getProperty("mfa-app-password-created-title"), page.title());
        assertEquals(messages.getProperty("mfa-app-password-shown-once"), page.text("mfa-app-password-warning").trim());
        assertEquals(format(messages, "mfa-app-password-how", locale), page.text("mfa-app-password-how").trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv", "nl", "de"})
    public void refusalPageSpeaksTheUsersLanguage(String locale) throws IOException {
        Properties messages = bundle(locale);
        String clientId = realm.admin().clients().findByClientId("legacy-reports").get(0).getId();
        org.keycloak.representations.idm.ClientRepresentation client = realm.admin().clients().get(clientId).toRepresentation();
        java.util.List<String> original = client.getRedirectUris();
        client.setRedirectUris(java.util.List.of("*"));
        realm.admin().clients().get(clientId).update(client);
        realm.cleanup().add(r -> {
            org.keycloak.representations.idm.ClientRepresentation restore = r.clients().get(clientId).toRepresentation();
            restore.setRedirectUris(original);
            r.clients().get(clientId).update(restore);
        });
        try {
            oauth.client("legacy-reports");
            oauth.loginForm().uiLocales(locale).open();
            loginPage.fillLogin("alice", "alice");
            loginPage.submit();
            assertEquals("login-mfa-access-denied", driver.page().getCurrentPageId());
            assertEquals(messages.getProperty("mfa-access-blocked-title").replace("''", "'"),
                    driver.findElement(By.id("kc-page-title")).getText().trim());
            assertEquals(messages.getProperty("mfa-support-reference"), driver.findElement(
                    By.xpath("//dd[@id='mfa-support-reference']/preceding-sibling::dt")).getText().trim());
        } finally {
            oauth.client("test-app", "test-secret");
        }
    }

    private static String format(Properties messages, String key, String locale, Object... args) {
        return new MessageFormat(messages.getProperty(key), Locale.forLanguageTag(locale)).format(args);
    }

    static Properties bundle(String locale) throws IOException {
        Properties p = new Properties();
        String path = "/theme-resources/messages/messages_" + locale + ".properties";
        try (Reader r = new InputStreamReader(TranslationTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
