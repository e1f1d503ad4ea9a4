package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.CredentialBuilder;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.openqa.selenium.By;

/**
 * The strongest method first: push, then authenticator app or hardware token, then call or text — unless the user or
 * an admin chose a default, or the realm turned it off; passkeys and security keys keep Keycloak's place. Each test
 * signs in a user with several methods and looks at the first page after the password.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class StrongestMethodFirstTest extends DemoRealmTest {

    static final String PUSH_PAGE = "login-mfa-push";
    static final String OTP_PAGE = "login-login-otp";
    static final String SMS_PAGE = "login-mfa-sms";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    RegisterPage registerPage;

    @InjectPage
    PhoneRegisterPage phonePage;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    @Test
    public void pushAndPhoneStartsWithPush() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("push-phone");
        String userId = DemoUsers.create(realm, user, List.of(), false, List.of(pushDevice(user)), phone); // the phone is first in the user's order
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(PUSH_PAGE, pageId());
        assertEquals(0, Outbox.countTo(phone), "no text was sent");
        assertEquals("mfa-push-device", firstMethod(userId), "Keycloak follows the user's order: push now leads it");
        assertTrue(smsPage.otherWays().contains("Text message (SMS)"), "the phone is one click away: " + smsPage.otherWays());
    }

    @Test
    public void appAndPhoneStartsWithTheApp() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("app-phone");
        DemoUsers.create(realm, user, List.of(), false, List.of(CredentialBuilder.totp(DemoUsers.TOTP_SECRET).build()), phone);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(OTP_PAGE, pageId());
        assertEquals(0, Outbox.countTo(phone), "no text was sent");
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, 0));
        driver.findElement(By.id("kc-login")).click();
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void aPhoneOnlyUserGetsTheText() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("phone-only");
        DemoUsers.withPhones(realm, user, false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(SMS_PAGE, pageId());
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    /** The user's own choice on "Choose your default method" outranks the stronger app, at every later sign-in. */
    @Test
    public void aDefaultTheUserChoseStaysFirst() {
        String user = DemoUsers.uniqueName("chose-sms");
        String userId = DemoUsers.create(realm, user, List.of("mfa-register"), true);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(OTP_PAGE, pageId());
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, 0));
        driver.findElement(By.id("kc-login")).click();
        registerPage.assertCurrent();
        String phone = DemoUsers.uniquePhone();
        registerPage.choose("mfa-phone");
        phonePage.enterNumber(phone);
        phonePage.enterCode(Outbox.lastCodeTo(phone));
        phonePage.confirmAdded();
        registerPage.assertCurrent();
        registerPage.chooseDefault(1); // Text message (SMS)
        assertNotNull(oauth.parseLoginResponse().getCode());
        CredentialRepresentation record = credential(userId, "mfa-default-method");
        assertTrue(record.getCredentialData().contains("\"chosenBy\":\"user\""), record.getCredentialData());
        assertTrue(record.getCredentialData().contains(credential(userId, "mfa-phone").getId()), "names the phone");

        signOut();
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(SMS_PAGE, pageId(), "the user's default, not the stronger app");
    }

    /**
     * A default chosen before this version was kept only as the credential order (phone above the app, no record):
     * the start-up move mfa-default-method-migration records it as the user's, so the sign-in still starts with the
     * text; a user whose order already starts with the strongest method gets no record; the move runs once per realm.
     */
    @Test
    public void aDefaultChosenBeforeTheUpgradeIsKeptByTheStartUpMove() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("old-default");
        String userId = DemoUsers.create(realm, user, List.of(), false,
                List.of(CredentialBuilder.totp(DemoUsers.TOTP_SECRET).build()), phone);
        assertEquals("mfa-phone", firstMethod(userId), "seeded as v0.1.0 left a chosen phone: first in the order");
        String other = DemoUsers.uniqueName("old-push");
        String otherId = DemoUsers.create(realm, other, List.of(), false, List.of(pushDevice(other)));
        assertTrue(credentials(userId, "mfa-default-method").isEmpty(), "no record yet");

        runOnServer.run(OldDefaults.notYetMigrated(realm.getName()));
        assertTrue(runOnServer.fetch(OldDefaults.move(), Integer.class) >= 1, "the move recorded the old default");
        CredentialRepresentation record = credential(userId, "mfa-default-method");
        assertTrue(record.getCredentialData().contains("\"chosenBy\":\"user\""), record.getCredentialData());
        assertTrue(record.getCredentialData().contains(credential(userId, "mfa-phone").getId()), "names the phone");
        assertEquals("mfa-phone", firstMethod(userId), "the order is left as it was");
        assertTrue(credentials(otherId, "mfa-default-method").isEmpty(), "a single method is no choice to keep");
        assertEquals(0, runOnServer.fetch(OldDefaults.move(), Integer.class), "once per realm");

        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(SMS_PAGE, pageId(), "the default chosen before the upgrade, not the stronger app");
        smsPage.resend(); // a user with other methods sends the code on the page
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    /** An admin's choice through the REST API (PUT …/methods/{id}/default) outranks push. */
    @Test
    public void aDefaultAnAdminSetStaysFirst() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("admin-sms");
        String userId = DemoUsers.create(realm, user, List.of(), false, List.of(pushDevice(user)), phone);
        String phoneId = credential(userId, "mfa-phone").getId();
        AdminApi api = new AdminApi(realm, urls);
        assertEquals(403, api.makeDefault(api.tokenWithRoles("view-users"), userId, phoneId).statusCode(),
                "viewing users is not enough");
        String manager = api.tokenWithRoles("manage-users");
        assertEquals(404, api.makeDefault(manager, userId, credential(userId, "password").getId()).statusCode(),
                "only a method can be the default");
        HttpResponse<String> set = api.makeDefault(manager, userId, phoneId);
        assertEquals(204, set.statusCode(), set.body());
        assertTrue(credential(userId, "mfa-default-method").getCredentialData().contains("\"chosenBy\":\"admin\""));
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(SMS_PAGE, pageId(), "the admin's default, not the stronger push");
        assertEquals("mfa-phone", firstMethod(userId), "the order keeps the default on top");
    }

    @Test
    public void switchedOffTheRealmKeepsKeycloaksOrder() {
        assertRefused(() -> setSwitch("maybe"));
        setSwitch("false");
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("switch-off");
        String userId = DemoUsers.create(realm, user, List.of(), false, List.of(pushDevice(user)), phone);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(SMS_PAGE, pageId(), "the first method in the user's order, as Keycloak offers it");
        assertEquals("mfa-phone", firstMethod(userId), "the order is left alone");
    }

    /** A security key first in the user's order keeps its place: the push device and the phone wait behind it. */
    @Test
    public void aSecurityKeyKeepsKeycloaksPlace() {
        String user = DemoUsers.uniqueName("key-first");
        List<CredentialRepresentation> credentials = new ArrayList<>();
        credentials.add(securityKey());
        credentials.add(phone(DemoUsers.uniquePhone()));
        credentials.add(pushDevice(user));
        DemoUsers.create(realm, user, List.of(), false, credentials);
        submitPassword(user, DemoUsers.PASSWORD);
        assertTrue(pageId().contains("webauthn"), pageId());
    }

    /**
     * A realm set up as the basic guide says — the second-factor sub-flow guarded by Keycloak's "Condition - user
     * configured" — gets the order from "Condition - strongest method first" next to it.
     */
    @Test
    public void keycloaksUserConfiguredConditionWithTheSuitesStrongestFirstCondition() {
        RegistrationSteps.setSecondFactorStep(realm, "mfa-access-required", "DISABLED");
        addCondition("conditional-user-configured");
        addCondition("mfa-strongest-first");
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("user-configured");
        DemoUsers.create(realm, user, List.of(), false, List.of(pushDevice(user)), phone);
        submitPassword(user, DemoUsers.PASSWORD);
        assertEquals(PUSH_PAGE, pageId());
    }

    /** Adds a REQUIRED condition at the end of the demo's second-factor sub-flow; the realm cleanup removes it. */
    private void addCondition(String provider) {
        var flows = realm.admin().flows();
        flows.addExecution(SmsStepConfig.SECOND_FACTOR_FLOW, Map.of("provider", provider));
        var added = flows.getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                .filter(e -> provider.equals(e.getProviderId()) && e.getLevel() == 0).reduce((a, b) -> b).orElseThrow();
        added.setRequirement("REQUIRED");
        flows.updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, added);
        realm.cleanup().add(r -> r.flows().removeExecution(added.getId()));
    }

    private String pageId() {
        return driver.findElement(By.cssSelector("[data-page-id]")).getAttribute("data-page-id");
    }

    /** The type of the user's first credential other than the password. */
    private String firstMethod(String userId) {
        return realm.admin().users().get(userId).credentials().stream().map(CredentialRepresentation::getType)
                .filter(t -> !t.equals("password")).findFirst().orElse(null);
    }

    private void signOut() {
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
    }

    private List<CredentialRepresentation> credentials(String userId, String type) {
        return realm.admin().users().get(userId).credentials().stream().filter(c -> type.equals(c.getType())).toList();
    }

    private CredentialRepresentation credential(String userId, String type) {
        return realm.admin().users().get(userId).credentials().stream().filter(c -> type.equals(c.getType()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " credential"));
    }

    /** Sets strongest-first on the mfa-register config (the realm's switch); the realm cleanup restores it. */
    private void setSwitch(String value) {
        RequiredActionConfigRepresentation config = realm.admin().flows().getRequiredActionConfig("mfa-register");
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(original);
        updated.put("strongest-first", value);
        config.setConfig(updated);
        realm.admin().flows().updateRequiredActionConfig("mfa-register", config);
        realm.cleanup().add(r -> {
            RequiredActionConfigRepresentation restore = r.flows().getRequiredActionConfig("mfa-register");
            restore.setConfig(original);
            r.flows().updateRequiredActionConfig("mfa-register", restore);
        });
    }

    private static void assertRefused(Executable save) {
        org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class, save, "only true or false is accepted");
    }

    private static CredentialRepresentation pushDevice(String user) {
        return credential("mfa-push-device", "Pixel 8", "{\"deviceId\":\"" + user.replace("-", "") + "device0000\","
                + "\"platform\":\"android\",\"x\":\"x\",\"y\":\"y\",\"keyThumbprint\":\"t\",\"push\":null,"
                + "\"keyUpdated\":1767225600000}", "{}");
    }

    private static CredentialRepresentation phone(String number) {
        return credential("mfa-phone", number, "{\"phoneNumber\":\"" + number + "\"}", "{}");
    }

    private static CredentialRepresentation securityKey() {
        return credential("webauthn", "YubiKey", "{\"aaguid\":\"00000000-0000-0000-0000-000000000000\","
                + "\"credentialId\":\"AAECAwQFBgcICQoLDA0ODw==\",\"counter\":0,\"attestationStatementFormat\":\"none\","
                + "\"credentialPublicKey\":\"pQECAyYgASFYIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIlggAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
                + "\"transports\":[]}", "{}");
    }

    private static CredentialRepresentation credential(String type, String label, String data, String secret) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(type);
        c.setUserLabel(label);
        c.setCredentialData(data);
        c.setSecretData(secret);
        return c;
    }
}
