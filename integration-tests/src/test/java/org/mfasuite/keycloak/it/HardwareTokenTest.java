package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * Hardware OATH tokens end to end: an admin imports the Entra ID CSV or a PSKC file through
 * {@code /admin/realms/demo/mfa/oath-tokens}, and the users sign in through Keycloak's own OTP form with codes
 * computed from the RFC 6238 / RFC 4226 test-vector secrets. Hostile files change nothing.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class HardwareTokenTest extends DemoRealmTest {

    static final String HEADER = "upn,serial number,secret key,time interval,manufacturer,model";
    /** RFC 6238 appendix B secrets: 20, 32 and 64 ASCII bytes for SHA1, SHA256 and SHA512. */
    static final byte[] SHA1_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA256_SECRET = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA512_SECRET = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    OtpFormPage otpPage;

    @InjectPage
    OathActivatePage activatePage;

    private AdminApi admin;
    private OathTokenApi tokens;

    @BeforeEach
    void apis() {
        admin = new AdminApi(realm, urls);
        tokens = new OathTokenApi(realm, urls);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void csvImportGivesUsersTokensThatKeycloaksOwnOtpFormAccepts() {
        String sha1User = user("sha1");
        String sha256User = user("sha256");
        String sha512User = user("sha512");
        String s = serial();
        String csv = HEADER + ",algorithm,digits\n"
                + sha1User + "," + s + "-1," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey,,\n"
                + sha256User + "@example.org," + s + "-2," + base32(SHA256_SECRET) + ",30,Contoso,HardwareKey,SHA256,8\n"
                + sha512User + "," + s + "-3," + base32(SHA512_SECRET) + ",60,Contoso,HardwareKey,SHA512,8\n"
                + "," + s + "-4," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey,,\n";

        HttpResponse<String> response = tokens.importCsv(admin.tokenWithRoles("manage-users"), csv, false);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> report = HttpCalls.json(response);
        assertEquals(Boolean.TRUE, report.get("committed"));
        assertEquals(4, report.get("imported"));
        assertEquals(3, report.get("assigned"));
        assertEquals(1, report.get("pooled"));
        assertEquals(List.of("assigned", "assigned", "assigned", "imported"),
                ((List<Map<String, Object>>) report.get("rows")).stream().map(r -> r.get("status")).toList());

        CredentialRepresentation otp = otpCredential(sha256User);
        assertEquals("Contoso HardwareKey #" + s + "-2", otp.getUserLabel());
        assertTrue(otp.getCredentialData().contains("\"algorithm\":\"HmacSHA256\""), otp.getCredentialData());
        assertTrue(otp.getCredentialData().contains("\"digits\":8"), otp.getCredentialData());

        signIn(sha1User, OathCodes.totp(SHA1_SECRET, "HmacSHA1", 30, 6, 0));
        signIn(sha256User, OathCodes.totp(SHA256_SECRET, "HmacSHA256", 30, 8, 0));
        signIn(sha512User, OathCodes.totp(SHA512_SECRET, "HmacSHA512", 60, 8, 0));
    }

    @Test
    public void aWrongCodeFromTheTokenIsRefusedByTheOtpForm() {
        String user = user("wrong");
        String s = serial();
        assertEquals(200, tokens.importCsv(admin.tokenWithRoles("manage-users"),
                HEADER + "\n" + user + "," + s + "," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n", false)
                .statusCode());
        submitPassword(user, DemoUsers.PASSWORD);
        otpPage.assertCurrent();
        String right = OathCodes.totp(SHA1_SECRET, "HmacSHA1", 30, 6, 0);
        otpPage.enter(right.equals("000000") ? "111111" : "000000");
        otpPage.assertCurrent();
        assertTrue(driver.driver().getPageSource().contains("Invalid authenticator code"), "Keycloak's own message");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void encryptedPskcFilesWaitInThePoolUntilAssignedThenSignInWithHotp() throws IOException {
        String manager = admin.tokenWithRoles("manage-users");
        String s = serial();
        // RFC 6030 Figure 7 (PBKDF2, password "qwerty") as shipped in realm-export, and Figure 6 (pre-shared key)
        byte[] figure7 = Files.readString(Path.of("../realm-export/oath-tokens-example.pskc.xml"))
                .replace("DEMO-HOTP-0001", s + "-7").getBytes(StandardCharsets.UTF_8);
        byte[] figure6 = Files.readString(Path.of("../authenticators/src/test/resources/oath/rfc6030-figure6.xml"))
                .replace("987654321", s + "-6").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> noKey = tokens.importFile(manager, "application/pskc+xml", figure7, false, Map.of());
        assertEquals(400, noKey.statusCode(), noKey.body());
        assertTrue(noKey.body().contains("\"reason\":\"key-required\""), noKey.body());

        HttpResponse<String> seven = tokens.importFile(manager, "application/pskc+xml", figure7, false,
                Map.of("X-MFA-PSKC-Password", "qwerty"));
        assertEquals(200, seven.statusCode(), seven.body());
        assertEquals(1, HttpCalls.json(seven).get("pooled"));
        HttpResponse<String> six = tokens.importFile(manager, "application/xml", figure6, false,
                Map.of("X-MFA-PSKC-Key", "12345678901234567890123456789012"));
        assertEquals(200, six.statusCode(), six.body());

        HttpResponse<String> pool = tokens.list(admin.tokenWithRoles("view-users"), "pool");
        assertEquals(200, pool.statusCode(), pool.body());
        List<Map<String, Object>> waiting = AdminApi.json(pool.body(), List.class);
        Map<String, Object> seventh = waiting.stream().filter(t -> (s + "-7").equals(t.get("serial"))).findFirst()
                .orElseThrow();
        assertEquals("TokenVendorAcme", seventh.get("manufacturer"));
        assertEquals("hotp", seventh.get("type"));
        assertEquals(8, seventh.get("digits"));
        assertFalse(pool.body().toLowerCase().contains("secret"), "no secrets listed");
        assertFalse(pool.body().contains("GEZDGNBV"), "no secrets listed");

        String user = user("hotp");
        HttpResponse<String> assigned = tokens.assign(manager, s + "-7", user);
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertEquals(409, tokens.assign(manager, s + "-7", user("other")).statusCode(), "a token has one holder");
        assertTrue(tokens.inventory(manager).contains(s + "-7=assigned"));

        // RFC 4226: counter 0, then the token's next press (Keycloak moves the counter on)
        signIn(user, OathCodes.hotp(SHA1_SECRET, "HmacSHA1", 0, 8));
        assertEquals("84755224", OathCodes.hotp(SHA1_SECRET, "HmacSHA1", 0, 8), "RFC 4226 appendix D, 8 digits");
        signIn(user, OathCodes.hotp(SHA1_SECRET, "HmacSHA1", 1, 8));
    }

    @Test
    public void anEncryptedFileWithoutMacsIsRefusedPerRowUnlessTheRequestAllowsIt() throws IOException {
        String manager = admin.tokenWithRoles("manage-users");
        String s = serial();
        byte[] noMac = Files.readString(Path.of("../authenticators/src/test/resources/oath/rfc6030-figure6.xml"))
                .replace("987654321", s + "-nomac").replaceAll("(?s)<MACMethod.*</MACMethod>", "")
                .replaceAll("(?s)<ValueMAC>.*</ValueMAC>", "").getBytes(StandardCharsets.UTF_8);
        Map<String, String> key = Map.of("X-MFA-PSKC-Key", "12345678901234567890123456789012");

        HttpResponse<String> refused = tokens.importFile(manager, "application/pskc+xml", noMac, false, key);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"reason\":\"mac-missing\""), refused.body());
        assertTrue(refused.body().contains("allow-unauthenticated=true"), refused.body());

        HttpResponse<String> allowed = tokens.importFile(manager, "application/pskc+xml", noMac,
                "?allow-unauthenticated=true", key);
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(1, HttpCalls.json(allowed).get("pooled"));
    }

    @Test
    public void pskcUserIdsAssignAtImport() throws IOException {
        String user = user("jsmith");
        String s = serial();
        byte[] figure3 = Files.readString(Path.of("../authenticators/src/test/resources/oath/rfc6030-figure3.xml"))
                .replace("987654321", s).replace("UID=jsmith,", "UID=" + user + ",").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = tokens.importFile(admin.tokenWithRoles("manage-users"), "application/pskc+xml",
                figure3, false, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, HttpCalls.json(response).get("assigned"));
        signIn(user, OathCodes.hotp(SHA1_SECRET, "HmacSHA1", 0, 8));
    }

    @Test
    public void onlyAdminsWithRightsMayImportListOrAssign() {
        String s = serial();
        String csv = HEADER + "\n," + s + "," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n";
        String plain = admin.tokenWithRoles();
        String viewer = admin.tokenWithRoles("view-users");
        String manager = admin.tokenWithRoles("manage-users");
        assertEquals(403, tokens.importCsv(plain, csv, false).statusCode());
        assertEquals(403, tokens.list(plain, "pool").statusCode());
        assertEquals(403, tokens.importCsv(viewer, csv, false).statusCode(), "view-users may not import");
        assertFalse(tokens.inventory(manager).contains(s + "=pool"), "nothing was imported");
        assertEquals(200, tokens.importCsv(manager, csv, false).statusCode());
        assertEquals(200, tokens.list(viewer, "pool").statusCode());
        String target = user("target");
        assertEquals(403, tokens.assign(plain, s, target).statusCode());
        assertEquals(403, tokens.assign(viewer, s, target).statusCode(), "view-users may not assign");
        assertEquals(401, tokens.list("not-a-token", "pool").statusCode());
        assertEquals(List.of(), credentialTypes(target, "otp"), "no assignment happened");
        assertEquals(200, tokens.assign(manager, s, target).statusCode());
        assertEquals(1, credentialTypes(target, "otp").size());
    }

    @Test
    public void hostileFilesGetAReportAndChangeNothing() throws IOException {
        String manager = admin.tokenWithRoles("manage-users");
        String victim = user("victim");
        String existing = serial();
        assertEquals(200, tokens.importCsv(manager, HEADER + "\n," + existing + "," + base32(SHA1_SECRET)
                + ",30,Contoso,HardwareKey\n", false).statusCode());
        List<String> before = tokens.inventory(manager);
        String s = serial();
        String good = victim + "," + s + "-ok," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n";

        Map<String, String> csvCases = Map.of(
                "bad-secret", good + victim + "," + s + "-b,NOT*BASE32,30,Contoso,HardwareKey\n",
                "duplicate-in-file", good + "," + s + "-ok," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n",
                "duplicate-existing", good + "," + existing + "," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n",
                "unknown-user", good + "nobody-" + s + "," + s + "-u," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n",
                "bad-serial", good + victim + ",=cmd|' /C calc'!A0," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n");
        for (Map.Entry<String, String> c : csvCases.entrySet()) {
            HttpResponse<String> response = tokens.importCsv(manager, HEADER + "\n" + c.getValue(), false);
            assertEquals(400, response.statusCode(), c.getKey() + ": " + response.body());
            Map<String, Object> report = HttpCalls.json(response);
            assertEquals(Boolean.FALSE, report.get("committed"), c.getKey());
            assertTrue(response.body().contains("\"reason\":\"" + c.getKey() + "\""), c.getKey() + ": " + response.body());
            assertTrue(response.body().contains("\"status\":\"not-imported\""), "the good row is reported, not written");
            assertFalse(response.body().contains("\"serial\":\"=cmd"), "no formula in the report");
        }
        for (String xml : List.of("xxe.xml", "billion-laughs.xml")) {
            HttpResponse<String> response = tokens.importFile(manager, "application/pskc+xml",
                    Files.readAllBytes(Path.of("../authenticators/src/test/resources/oath/" + xml)), false, Map.of());
            assertEquals(400, response.statusCode(), xml + ": " + response.body());
            assertEquals("xml-doctype", HttpCalls.json(response).get("error"), xml);
            assertFalse(response.body().contains("root:"), "nothing of /etc/passwd");
        }
        byte[] figure7 = Files.readString(Path.of("../realm-export/oath-tokens-example.pskc.xml"))
                .replace("DEMO-HOTP-0001", s + "-7").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrongPassword = tokens.importFile(manager, "application/pskc+xml", figure7, false,
                Map.of("X-MFA-PSKC-Password", "azerty"));
        assertEquals(400, wrongPassword.statusCode(), wrongPassword.body());
        assertEquals("decryption-failed", HttpCalls.json(wrongPassword).get("error"));
        byte[] altered = Files.readString(Path.of("../authenticators/src/test/resources/oath/rfc6030-figure6.xml"))
                .replace("987654321", s + "-6").replace("lef1VmNPCMl8jwZqIUqGv", "lef1VmNPCMl8jwZqIUqGw")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tampered = tokens.importFile(manager, "application/pskc+xml", altered, false,
                Map.of("X-MFA-PSKC-Key", "12345678901234567890123456789012"));
        assertEquals(400, tampered.statusCode(), tampered.body());
        assertTrue(tampered.body().contains("\"reason\":\"mac-mismatch\""), tampered.body());
        HttpResponse<String> badKey = tokens.importFile(manager, "application/pskc+xml", altered, false,
                Map.of("X-MFA-PSKC-Key", "not-hex"));
        assertEquals("bad-key", HttpCalls.json(badKey).get("error"));

        HttpResponse<String> header = tokens.importCsv(manager, "user,serial\nx,y\n", false);
        assertEquals("csv-header", HttpCalls.json(header).get("error"));

        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> tooLarge = tokens.importTooLarge(manager, huge);
        assertEquals(413, tooLarge.statusCode(), "over 10 MiB");

        assertEquals(before, tokens.inventory(manager), "the registry and pool are unchanged");
        assertEquals(List.of(), credentialTypes(victim, "otp"), "the user got no token");

        // the same rows with partial=true: the good one goes in, the others are skipped and reported
        HttpResponse<String> partial = tokens.importCsv(manager, HEADER + "\n" + good + csvCases.get("unknown-user")
                .substring(good.length()) + victim + ",=" + s + ",x,30,=HYPERLINK(\"http://evil\"),@SUM(A1)\n", true);
        assertEquals(200, partial.statusCode(), partial.body());
        assertEquals(1, HttpCalls.json(partial).get("imported"));
        assertEquals(2, HttpCalls.json(partial).get("skipped"));
        assertEquals(1, credentialTypes(victim, "otp").size());
    }

    @Test
    public void formulasInManufacturerAndModelAreNeutralisedInTheLabel() {
        String user = user("formula");
        String s = serial();
        HttpResponse<String> response = tokens.importCsv(admin.tokenWithRoles("manage-users"), HEADER + "\n" + user
                + "," + s + "," + base32(SHA1_SECRET) + ",30,=HYPERLINK(\"http://evil\"),+x\n", false);
        assertEquals(200, response.statusCode(), response.body());
        String label = otpCredential(user).getUserLabel();
        assertTrue(label.startsWith("'=HYPERLINK"), label);
        assertFalse(response.body().contains("\"label\":\"=HYPERLINK"), response.body());
    }

    @Test
    public void withActivationRequiredTheUserProvesTheTokenWithOneCodeBeforeItCounts() {
        boolean registered = realm.admin().flows().getRequiredActions().stream()
                .anyMatch(a -> "mfa-oath-activate".equals(a.getAlias()));
        if (!registered) {
            RequiredActionProviderSimpleRepresentation action = new RequiredActionProviderSimpleRepresentation();
            action.setProviderId("mfa-oath-activate");
            action.setName("Hardware token: activate with one code");
            realm.admin().flows().registerRequiredAction(action);
        }
        RequiredActionProviderRepresentation setting = realm.admin().flows().getRequiredAction("mfa-oath-activate");
        setting.setEnabled(true);
        realm.admin().flows().updateRequiredAction("mfa-oath-activate", setting);
        // one clean-up: back to unregistered, or registered and off, as it was
        realm.cleanup().add(r -> {
            if (registered) {
                RequiredActionProviderRepresentation off = r.flows().getRequiredAction("mfa-oath-activate");
                off.setEnabled(false);
                r.flows().updateRequiredAction("mfa-oath-activate", off);
            } else {
                r.flows().removeRequiredAction("mfa-oath-activate");
            }
        });

        String user = user("activate");
        String s = serial();
        HttpResponse<String> response = tokens.importCsv(admin.tokenWithRoles("manage-users"), HEADER + "\n" + user
                + "," + s + "," + base32(SHA1_SECRET) + ",30,Contoso,HardwareKey\n", false);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("pending", HttpCalls.json(response).get("activation"));
        assertEquals(List.of(), credentialTypes(user, "otp"), "the token does not count yet");
        assertEquals(1, credentialTypes(user, "mfa-oath-pending").size());

        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        activatePage.assertCurrent();
        assertTrue(activatePage.intro().contains("Contoso HardwareKey #" + s), activatePage.intro());
        String right = OathCodes.totp(SHA1_SECRET, "HmacSHA1", 30, 6, 0);
        activatePage.enter(right.equals("000000") ? "111111" : "000000");
        activatePage.assertCurrent();
        assertEquals("That code is not right. Press the button again and enter the new code.", activatePage.codeError());
        activatePage.enter(OathCodes.totp(SHA1_SECRET, "HmacSHA1", 30, 6, 0));
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with the activation code");
        assertEquals(1, credentialTypes(user, "otp").size(), "now Keycloak's OTP credential");
        assertEquals(List.of(), credentialTypes(user, "mfa-oath-pending"));
    }

    private void signIn(String username, String code) {
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(username, DemoUsers.PASSWORD);
        otpPage.assertCurrent();
        otpPage.enter(code);
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with the hardware token");
    }

    /** A fresh user with a password only; returns the username. */
    private String user(String prefix) {
        String name = DemoUsers.uniqueName(prefix);
        DemoUsers.create(realm, name, List.of(), false);
        return name;
    }

    private CredentialRepresentation otpCredential(String username) {
        String id = realm.admin().users().search(username, true).get(0).getId();
        return realm.admin().users().get(id).credentials().stream().filter(c -> "otp".equals(c.getType()))
                .findFirst().orElseThrow();
    }

    private List<String> credentialTypes(String username, String type) {
        String id = realm.admin().users().search(username, true).get(0).getId();
        return realm.admin().users().get(id).credentials().stream().map(CredentialRepresentation::getType)
                .filter(type::equals).toList();
    }

    private static String serial() {
        return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static String base32(byte[] secret) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : secret) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
