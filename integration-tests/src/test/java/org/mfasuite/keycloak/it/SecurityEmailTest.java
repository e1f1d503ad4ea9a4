package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.openqa.selenium.By;

/**
 * Security emails through Keycloak's email sender, received by a local SMTP peer: a method added, the default
 * changed, an admin reset; in the user's language; off with the realm switch.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SecurityEmailTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    RegisterPage registerPage;

    @InjectPage
    PhoneRegisterPage phonePage;

    private SmtpPeer smtp;

    @BeforeEach
    void mailServer() throws IOException {
        smtp = new SmtpPeer();
        int port = smtp.port();
        realm.updateWithCleanup(r -> {
            r.build().setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                    "from", "mfa@example.org", "fromDisplayName", "MFA demo"));
            return r;
        });
    }

    @AfterEach
    void closeMailServer() throws IOException {
        smtp.close();
    }

    @Test
    public void addingAMethodAndPickingTheDefaultAreMailedInEnglish() {
        String user = DemoUsers.uniqueName("mail");
        DemoUsers.create(realm, user, List.of("mfa-register"), true);
        submitPassword(user, DemoUsers.PASSWORD);
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, 0));
        driver.findElement(By.id("kc-login")).click();
        String phone = DemoUsers.uniquePhone();
        registerPhone(phone);
        registerPage.assertCurrent();
        registerPage.chooseDefault(1);

        List<SmtpPeer.Mail> mails = await(user + "@example.org", 2);
        SmtpPeer.Mail added = mails.get(0);
        assertEquals("A sign-in method was added to your MFA Suite demo account", added.subject());
        assertTrue(added.text().contains("Text message (SMS) (+46 70"), added.text());
        assertFalse(added.text().contains(phone), "the number is masked");
        assertTrue(added.text().contains("IP address: 127.0.0.1"), added.text());
        assertTrue(added.text().contains("Browser: "), added.text());
        assertTrue(added.text().contains("If this wasn't you"), added.text());
        assertTrue(added.html().contains("Text message (SMS)"), added.html());
        assertEquals("Your default sign-in method for MFA Suite demo changed", mails.get(1).subject());
    }

    @Test
    public void removingAMethodInTheAccountConsoleIsMailed() {
        String kept = DemoUsers.uniquePhone();
        String removed = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("remove");
        String id = DemoUsers.withPhones(realm, user, false, kept, removed);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(kept));
        String credentialId = realm.admin().users().get(id).credentials().stream()
                .filter(c -> removed.equals(c.getUserLabel())).findFirst().orElseThrow().getId();

        oauth.loginForm().kcAction("delete_credential:" + credentialId).open(); // the Account Console's Remove
        driver.findElement(By.id("kc-accept")).click();

        SmtpPeer.Mail mail = await(user + "@example.org", 1).get(0);
        assertEquals("A sign-in method was removed from your MFA Suite demo account", mail.subject());
        assertTrue(mail.text().contains("Text message (SMS) (+46 70"), mail.text());
        assertFalse(mail.text().contains(removed), "the number is masked");
    }

    @Test
    public void theUsersLanguageIsUsed() {
        String user = DemoUsers.uniqueName("svensk");
        String id = DemoUsers.create(realm, user, List.of("mfa-register"), false);
        UserRepresentation rep = realm.admin().users().get(id).toRepresentation();
        Map<String, List<String>> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put("locale", List.of("sv"));
        rep.setAttributes(attributes);
        realm.admin().users().get(id).update(rep);

        submitPassword(user, DemoUsers.PASSWORD);
        registerPhone(DemoUsers.uniquePhone());

        SmtpPeer.Mail added = await(user + "@example.org", 1).get(0);
        assertEquals("Ett inloggningssätt lades till på ditt konto hos MFA Suite demo", added.subject());
        assertTrue(added.text().contains("Sms (+46 70"), added.text());
        assertTrue(added.text().contains("Om det inte var du"), added.text());
    }

    @Test
    public void anAdminResetIsMailedAndTheRealmSwitchTurnsMailsOff() {
        AdminApi api = new AdminApi(realm, urls);
        String user = DemoUsers.uniqueName("reset");
        String id = DemoUsers.withPhones(realm, user, true, DemoUsers.uniquePhone());
        String token = api.tokenWithRoles("manage-users");
        assertEquals(200, api.reset(token, id, false).statusCode());
        SmtpPeer.Mail reset = await(user + "@example.org", 1).get(0);
        assertEquals("Your sign-in methods for MFA Suite demo were reset", reset.subject());
        assertTrue(reset.text().contains("Text message (SMS)") && reset.text().contains("Authenticator app"), reset.text());

        setSecurityEmails("false");
        String quiet = DemoUsers.uniqueName("quiet");
        String quietId = DemoUsers.withPhones(realm, quiet, false, DemoUsers.uniquePhone());
        assertEquals(200, api.reset(token, quietId, false).statusCode());
        sleepBriefly();
        assertEquals(List.of(), smtp.mailsTo(quiet + "@example.org"), "security-emails=false: no email");
    }

    private void setSecurityEmails(String value) {
        var flows = realm.admin().flows();
        RequiredActionConfigRepresentation config = flows.getRequiredActionConfig("mfa-register");
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(original);
        updated.put("security-emails", value);
        config.setConfig(updated);
        flows.updateRequiredActionConfig("mfa-register", config);
        realm.cleanup().add(r -> {
            RequiredActionConfigRepresentation restore = r.flows().getRequiredActionConfig("mfa-register");
            restore.setConfig(original);
            r.flows().updateRequiredActionConfig("mfa-register", restore);
        });
    }

    private void registerPhone(String phone) {
        registerPage.assertCurrent();
        registerPage.choose("mfa-phone");
        phonePage.enterNumber(phone);
        phonePage.enterCode(Outbox.lastCodeTo(phone));
        phonePage.confirmAdded();
    }

    /** The mails to an address once there are at least {@code count} (sent within the request; a short grace). */
    private List<SmtpPeer.Mail> await(String address, int count) {
        for (int i = 0; i < 50 && smtp.mailsTo(address).size() < count; i++) {
            sleepBriefly();
        }
        List<SmtpPeer.Mail> mails = smtp.mailsTo(address);
        assertTrue(mails.size() >= count, "mails to " + address + ": " + smtp.mails());
        return mails;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100); // waits for the mail to arrive over the socket, not for time to pass in Keycloak
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
