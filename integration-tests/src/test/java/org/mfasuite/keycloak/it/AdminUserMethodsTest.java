package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * What the admin console's users page asks of {@code /admin/realms/demo/mfa/users/{userId}/…}: every kind of method
 * with its last use and where that comes from, removing one, requiring a new registration, forgetting remembered
 * devices — manage-users for changes, view-users only to look.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminUserMethodsTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private AdminApi api;

    @BeforeEach
    void api() {
        api = new AdminApi(realm, urls);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void listsEveryKindWithLastUseAndWhereItComesFrom() {
        SeededMethods seeded = SeededMethods.create(realm, "kinds");
        String serial = "HW-" + seeded.username;
        HttpResponse<String> imported = new OathTokenApi(realm, urls).importCsv(api.tokenWithRoles("manage-users"),
                HardwareTokenTest.HEADER + "\n" + seeded.username + "," + serial + ","
                        + HardwareTokenTest.base32(HardwareTokenTest.SHA1_SECRET) + ",30,Contoso,HardwareKey\n", false);
        assertEquals(200, imported.statusCode(), imported.body());
        seeded.phoneFirst(realm, api);
        submitPassword(seeded.username, DemoUsers.PASSWORD);
        smsPage.resend(); // the user also has an app: the first page only offers to send
        smsPage.enterCode(Outbox.lastCodeTo(seeded.phone));
        assertNotNull(oauth.parseLoginResponse().getCode());

        String viewer = api.tokenWithRoles("view-users");
        HttpResponse<String> response = call(viewer, "GET", seeded.userId, "methods?all=true");
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> all = AdminApi.json(response.body(), List.class);
        Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
        all.forEach(m -> byKind.put((String) m.get("kind"), m));
        assertEquals(java.util.Set.of("phone", "authenticator-app", "push-device", "hardware-token", "app-password",
                "remembered-device"), byKind.keySet(), response.body());
        assertFalse(response.body().contains(seeded.phone.substring(4)), "no full number in the answer");

        Map<String, Object> phone = byKind.get("phone");
        assertTrue(String.valueOf(phone.get("label")).contains("•"), phone.toString());
        assertNotNull(phone.get("lastUsed"), "the sign-in just made with it");
        assertEquals("sign-in-events", phone.get("lastUsedSource"));
        assertEquals(Boolean.TRUE, phone.get("isMethod"));
        assertEquals("sign-in-events", byKind.get("authenticator-app").get("lastUsedSource"));
        assertNull(byKind.get("authenticator-app").get("lastUsed"), "never used");
        assertEquals("otp", byKind.get("hardware-token").get("type"), "an assigned token is Keycloak's OTP credential");

        Map<String, Object> appPassword = byKind.get("app-password");
        assertEquals("credential", appPassword.get("lastUsedSource"));
        assertEquals(SeededMethods.APP_PASSWORD_USED_SECONDS * 1000, ((Number) appPassword.get("lastUsed")).longValue());
        assertEquals(Boolean.FALSE, appPassword.get("isMethod"));
        assertEquals("Thunderbird", appPassword.get("label"));
        Map<String, Object> device = byKind.get("remembered-device");
        assertEquals("credential", device.get("lastUsedSource"));
        assertEquals(SeededMethods.DEVICE_USED_MILLIS, ((Number) device.get("lastUsed")).longValue());
        all.forEach(m -> assertNotNull(m.get("id"), "each names its credential, to remove it"));

        List<Map<String, Object>> methodsOnly = AdminApi.json(call(viewer, "GET", seeded.userId, "methods").body(), List.class);
        assertEquals(List.of("mfa-phone", "otp", "mfa-push-device", "otp"), methodsOnly.stream().map(m -> m.get("type")).toList(),
                "without all=true the answer stays the methods alone");

        List<Map<String, Object>> devices = AdminApi.json(call(viewer, "GET", seeded.userId, "remembered-devices").body(),
                List.class);
        assertEquals("Firefox on Linux", devices.get(0).get("name"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void removesOneMethodForgetsRememberedDevicesAndRequiresARegistration() {
        SeededMethods seeded = SeededMethods.create(realm, "actions");
        String manager = api.tokenWithRoles("manage-users");
        List<Map<String, Object>> all = AdminApi.json(call(manager, "GET", seeded.userId, "methods?all=true").body(), List.class);
        String otpId = (String) all.stream().filter(m -> "otp".equals(m.get("type"))).findFirst().orElseThrow().get("id");
        String pushId = (String) all.stream().filter(m -> "mfa-push-device".equals(m.get("type"))).findFirst().orElseThrow().get("id");

        assertEquals(204, call(manager, "DELETE", seeded.userId, "methods/" + otpId).statusCode());
        assertEquals(204, call(manager, "DELETE", seeded.userId, "methods/" + pushId).statusCode());
        assertEquals(404, call(manager, "DELETE", seeded.userId, "methods/" + otpId).statusCode(), "gone");
        String passwordId = realm.admin().users().get(seeded.userId).credentials().stream()
                .filter(c -> "password".equals(c.getType())).findFirst().orElseThrow().getId();
        assertEquals(404, call(manager, "DELETE", seeded.userId, "methods/" + passwordId).statusCode(), "never the password");
        assertEquals(List.of("mfa-app-password", "mfa-phone", "mfa-trusted-device", "password"),
                RegistrationSteps.credentialTypes(realm, seeded.userId).stream().sorted().toList());

        assertEquals(204, call(manager, "DELETE", seeded.userId, "remembered-devices").statusCode());
        assertFalse(RegistrationSteps.credentialTypes(realm, seeded.userId).contains("mfa-trusted-device"));

        HttpResponse<String> required = call(manager, "POST", seeded.userId, "require-registration");
        assertEquals(200, required.statusCode(), required.body());
        assertEquals("mfa-register", HttpCalls.json(required).get("requiredAction"));
        assertTrue(realm.admin().users().get(seeded.userId).toRepresentation().getRequiredActions().contains("mfa-register"));
        assertTrue(RegistrationSteps.credentialTypes(realm, seeded.userId).contains("mfa-phone"), "methods kept");

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "DELETE".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().endsWith(seeded.userId + "/methods/" + otpId)),
                "an admin event for the removal");
        assertTrue(events.stream().anyMatch(e -> "DELETE".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().endsWith(seeded.userId + "/remembered-devices")));
        assertTrue(events.stream().anyMatch(e -> "ACTION".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().endsWith(seeded.userId + "/require-registration")));

        RegistrationSteps.setRequiredAction(realm, "mfa-register", false);
        HttpResponse<String> refused = call(manager, "POST", seeded.userId, "require-registration");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("prompt_disabled", HttpCalls.json(refused).get("error"));
    }

    @Test
    public void viewUsersOnlyLooksAndNeverChanges() {
        SeededMethods seeded = SeededMethods.create(realm, "helpdesk");
        String viewer = api.tokenWithRoles("view-users");
        String credentialId = realm.admin().users().get(seeded.userId).credentials().stream()
                .filter(c -> "mfa-phone".equals(c.getType())).findFirst().orElseThrow().getId();
        assertEquals(200, call(viewer, "GET", seeded.userId, "methods?all=true").statusCode());
        assertEquals(200, call(viewer, "GET", seeded.userId, "remembered-devices").statusCode());
        assertEquals(403, call(viewer, "DELETE", seeded.userId, "methods/" + credentialId).statusCode());
        assertEquals(403, call(viewer, "POST", seeded.userId, "require-registration").statusCode());
        assertEquals(403, call(viewer, "DELETE", seeded.userId, "remembered-devices").statusCode());
        assertEquals(6, RegistrationSteps.credentialTypes(realm, seeded.userId).size(), "nothing removed");

        String plain = api.tokenWithRoles();
        assertEquals(403, call(plain, "GET", seeded.userId, "methods?all=true").statusCode());
        assertEquals(403, call(plain, "GET", seeded.userId, "remembered-devices").statusCode());
        assertEquals(403, call(plain, "DELETE", "no-such-user", "remembered-devices").statusCode(), "no user ids revealed");
        assertEquals(404, call(viewer, "GET", "no-such-user", "remembered-devices").statusCode());
        assertEquals(404, call(api.tokenWithRoles("manage-users"), "DELETE", seeded.userId, "methods/no-such-id").statusCode());
    }

    private HttpResponse<String> call(String token, String method, String userId, String path) {
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/" + realm.getName()
                        + "/mfa/users/" + userId + "/" + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
