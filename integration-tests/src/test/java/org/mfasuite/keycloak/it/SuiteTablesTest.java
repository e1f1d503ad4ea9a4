package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * The suite's own tables (MFA_OATH_POOL, MFA_PUSH_DEVICE_INDEX) instead of "shelf" users and a user attribute: no
 * user holds the token pool, data an older version left is moved over, a deleted realm takes its rows along.
 * Older versions' data is seeded exactly as they stored it (Keycloak's Java API on the server, {@link OldStorage});
 * it is moved when the pool or the device is next used (the same routines also run after every start).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SuiteTablesTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak keycloak;

    @InjectPage
    OtpFormPage otpPage;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    private AdminApi admin;
    private OathTokenApi tokens;

    @BeforeEach
    void apis() {
        admin = new AdminApi(realm, urls);
        tokens = new OathTokenApi(realm, urls);
    }

    @Test
    public void aUserNamedLikeAShelfGetsNoPooledSecretAndNoShelfUsersAppear() {
        String impostor = "mfa-oath-pool-3";
        String impostorId = DemoUsers.create(realm, impostor, List.of(), false);
        StringBuilder csv = new StringBuilder(HardwareTokenTest.HEADER + "\n");
        List<String> serials = serialsOnShelf(3, 3);
        serials.forEach(s -> csv.append(',').append(s).append(',')
                .append(HardwareTokenTest.base32(HardwareTokenTest.SHA1_SECRET)).append(",30,Contoso,HardwareKey\n"));
        String manager = admin.tokenWithRoles("manage-users");

        HttpResponse<String> imported = tokens.importCsv(manager, csv.toString(), false);
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(3, HttpCalls.json(imported).get("pooled"));

        assertEquals(List.of("password"), realm.admin().users().get(impostorId).credentials().stream()
                .map(CredentialRepresentation::getType).toList(), "the look-alike holds no pooled token");
        assertEquals(List.of(impostor), realm.admin().users().search("mfa-oath-pool", 0, 100).stream()
                .map(UserRepresentation::getUsername).toList(), "no shelf users in the user list");

        realm.admin().users().delete(impostorId).close();
        List<String> inventory = tokens.inventory(manager);
        serials.forEach(s -> assertTrue(inventory.contains(s + "=pool"), "deleting a user keeps the pool: " + inventory));
    }

    @Test
    public void shelvesLeftByAnOlderVersionAreMovedIntoThePoolAndRemoved() {
        allowUnmanagedAttributes();
        String holder = DemoUsers.uniqueName("shelf-holder");
        String holderId = DemoUsers.create(realm, holder, List.of(), true);
        String holderOtp = realm.admin().users().get(holderId).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();
        String s = "S" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String shelfName = "mfa-oath-pool-" + Integer.toHexString(shelfOf(s + "-1"));
        // as versions before the pool table stored them: a disabled, marked user holding mfa-oath-token credentials
        runOnServer.run(OldStorage.shelf(shelfName, new String[][] {
                {s + "-1", "{\"manufacturer\":\"Contoso\",\"model\":\"HardwareKey\",\"kind\":\"totp\","
                        + "\"algorithm\":\"HmacSHA1\",\"digits\":6,\"period\":30,\"counter\":0,\"status\":\"pool\","
                        + "\"importedAt\":1700000000000}",
                        "{\"value\":\"" + HardwareTokenTest.base32(HardwareTokenTest.SHA1_SECRET) + "\"}"},
                {s + "-2", "{\"manufacturer\":\"Contoso\",\"model\":\"HardwareKey\",\"kind\":\"totp\","
                        + "\"algorithm\":\"HmacSHA1\",\"digits\":6,\"period\":30,\"counter\":0,\"status\":\"assigned\","
                        + "\"userId\":\"" + holderId + "\",\"credentialId\":\"" + holderOtp + "\",\"importedAt\":1700000000000}",
                        "{}"}}));
        String shelfId = realm.admin().users().search(shelfName, true).get(0).getId();
        realm.cleanup().add(r -> r.users().searchByUsername(shelfName, true).forEach(u -> r.users().delete(u.getId()).close()));
        assertEquals(2, realm.admin().users().get(shelfId).credentials().size(), "seeded the old way");

        String manager = admin.tokenWithRoles("manage-users");
        List<String> inventory = tokens.inventory(manager);
        assertTrue(inventory.contains(s + "-1=pool"), inventory.toString());
        assertTrue(inventory.contains(s + "-2=assigned"), inventory.toString());
        assertEquals(List.of(), realm.admin().users().search("mfa-oath-pool", 0, 100),
                "the shelf user is gone");

        String user = DemoUsers.uniqueName("from-shelf");
        DemoUsers.create(realm, user, List.of(), false);
        HttpResponse<String> assigned = tokens.assign(manager, s + "-1", user);
        assertEquals(200, assigned.statusCode(), assigned.body());
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        otpPage.assertCurrent();
        otpPage.enter(OathCodes.totp(HardwareTokenTest.SHA1_SECRET, "HmacSHA1", 30, 6, 0));
        assertNotNull(oauth.parseLoginResponse().getCode(), "the moved secret signs in");

        // the sign-in above signed every session out, the manager's too
        HttpResponse<String> again = tokens.importCsv(admin.tokenWithRoles("manage-users"), HardwareTokenTest.HEADER + "\n," + s + "-2,"
                + HardwareTokenTest.base32(HardwareTokenTest.SHA1_SECRET) + ",30,Contoso,HardwareKey\n", false);
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.body().contains("already assigned to " + holder), again.body());
    }

    @Test
    public void aDeviceIndexedInAUserAttributeByAnOlderVersionKeepsWorkingAndTheAttributeGoes() throws Exception {
        allowUnmanagedAttributes();
        PushDeviceSimulator device = new PushDeviceSimulator();
        Map<String, String> jwk = PushDeviceSimulator.jwk(device.key());
        String deviceId = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString()
                .getBytes(StandardCharsets.US_ASCII)).substring(0, 22);
        String thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x") + "\",\"y\":\"" + jwk.get("y")
                        + "\"}").getBytes(StandardCharsets.UTF_8)));
        UserRepresentation user = new UserRepresentation();
        user.setUsername(DemoUsers.uniqueName("old-push"));
        user.setEnabled(true);
        user.setEmail(user.getUsername() + "@example.org");
        user.setFirstName("Old");
        user.setLastName("Push");
        String userId;
        try (Response created = realm.admin().users().create(user)) {
            assertEquals(201, created.getStatus());
            String path = created.getLocation().getPath();
            userId = path.substring(path.lastIndexOf('/') + 1);
        }
        realm.cleanup().add(r -> r.users().delete(userId).close());
        runOnServer.run(OldStorage.pushDevice(userId, deviceId, "{\"deviceId\":\"" + deviceId
                + "\",\"platform\":\"android\",\"x\":\"" + jwk.get("x") + "\",\"y\":\"" + jwk.get("y")
                + "\",\"keyThumbprint\":\"" + thumbprint + "\",\"keyUpdated\":0}"));
        assertEquals(List.of(deviceId), realm.admin().users().get(userId).toRepresentation().getAttributes()
                .get("mfa-push-device"), "seeded the old way");

        device.adopt(urls.getBase(), realm.getName(), deviceId);
        assertEquals(List.of(), device.pending(), "the device is found");
        Map<String, List<String>> attributes = realm.admin().users().get(userId).toRepresentation().getAttributes();
        assertNull(attributes == null ? null : attributes.get("mfa-push-device"), "the attribute is gone");
        assertEquals(List.of(), device.pending(), "and found through the table");
    }

    @Test
    public void aDeletedRealmTakesItsPoolRowsAlong() {
        String name = "tables-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        String serial = "R" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        createRealm(name, id);
        HttpResponse<String> imported = HttpCalls.send(HttpRequest.newBuilder(pool(name, ""))
                .header("Authorization", "Bearer " + masterToken()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HardwareTokenTest.HEADER + "\n," + serial + ","
                        + HardwareTokenTest.base32(HardwareTokenTest.SHA1_SECRET) + ",30,Contoso,HardwareKey\n"))
                .build());
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(listPool(name).contains(serial), "imported into the realm");

        keycloak.realm(name).remove();
        createRealm(name, id);
        try {
            assertEquals("[]", listPool(name).replaceAll("\\s", ""), "a realm of the same id starts with no rows");
        } finally {
            keycloak.realm(name).remove();
        }
    }

    private void createRealm(String name, String id) {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setId(id);
        rep.setRealm(name);
        rep.setEnabled(true);
        keycloak.realms().create(rep);
    }

    private String listPool(String realmName) {
        HttpResponse<String> list = HttpCalls.send(HttpRequest.newBuilder(pool(realmName, "?status=all"))
                .header("Authorization", "Bearer " + masterToken()).GET().build());
        assertEquals(200, list.statusCode(), list.body());
        return list.body();
    }

    private URI pool(String realmName, String tail) {
        return URI.create(urls.getBase() + "/admin/realms/" + realmName + "/mfa/oath-tokens" + tail);
    }

    private String masterToken() {
        return keycloak.tokenManager().getAccessTokenString();
    }

    /** Lets the admin REST store the attributes older versions wrote with the Java API; restored after the test. */
    private void allowUnmanagedAttributes() {
        UPConfig config = realm.admin().users().userProfile().getConfiguration();
        UPConfig.UnmanagedAttributePolicy before = config.getUnmanagedAttributePolicy();
        config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.admin().users().userProfile().update(config);
        realm.cleanup().add(r -> {
            UPConfig back = r.users().userProfile().getConfiguration();
            back.setUnmanagedAttributePolicy(before);
            r.users().userProfile().update(back);
        });
    }

    private static CredentialRepresentation oldEntry(String serial, String data, String secret) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("mfa-oath-token");
        credential.setUserLabel(serial);
        credential.setCreatedDate(1_700_000_000_000L);
        credential.setCredentialData(data);
        credential.setSecretData(secret);
        return credential;
    }

    /** The shelf an older version put a serial on: the first nibble of SHA-256 of its lower-case form. */
    static int shelfOf(String serial) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(serial.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return (hash[0] >> 4) & 0xf;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> serialsOnShelf(int shelf, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String serial = "P" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
            if (shelfOf(serial) == shelf) {
                out.add(serial);
            }
        }
        return out;
    }
}
