package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;

/**
 * Admin recovery through {@code /admin/realms/demo/mfa/users/{userId}/methods} and {@code …/reset}: the lost-phone
 * case end to end, with Keycloak's permissions (view-users to list, manage-users to reset, 403 otherwise).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminRecoveryTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @InjectPage
    RegisterPage registerPage;

    @InjectPage
    PhoneRegisterPage phonePage;

    private AdminApi api;

    @BeforeEach
    void api() {
        api = new AdminApi(realm, urls);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void listsTheUsersMethodsMaskedWithCreatedAndLastUsed() {
        String first = DemoUsers.uniquePhone();
        String second = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("methods");
        String userId = DemoUsers.withPhones(realm, user, true, first, second);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.resend(); // the user also has an app: the first page only offers to send
        smsPage.enterCode(Outbox.lastCodeTo(first));
        assertNotNull(oauth.parseLoginResponse().getCode());

        HttpResponse<String> response = api.methods(api.tokenWithRoles("view-users"), userId);
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> methods = AdminApi.json(response.body(), List.class);
        assertEquals(List.of("mfa-phone", "mfa-phone", "otp"), methods.stream().map(m -> m.get("type")).toList());
        Map<String, Object> phone = methods.get(0);
        assertTrue(String.valueOf(phone.get("label")).contains("•"), phone.toString());
        assertFalse(response.body().contains(first.substring(4)), "no full number in the answer");
        assertNotNull(phone.get("created"));
        assertNotNull(phone.get("lastUsed"), "the sign-in just made with it");
        assertNull(methods.get(1).get("lastUsed"), "the second phone was never used");
        assertEquals(Boolean.TRUE, phone.get("isDefault"));
        assertEquals(Boolean.TRUE, phone.get("offered"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void resetRemovesTheSecondFactorsRecordsAnAdminEventAndForcesARegistration() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("lost-phone");
        String userId = DemoUsers.withPhones(realm, user, true, phone);

        HttpResponse<String> response = api.reset(api.tokenWithRoles("manage-users"), userId, false);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = AdminApi.json(response.body(), Map.class);
        assertEquals(2, ((List<?>) result.get("removed")).size(), response.body());
        assertEquals("mfa-register", result.get("requiredAction"));
        assertEquals(List.of("password"), RegistrationSteps.credentialTypes(realm, userId), "never the password");
        assertTrue(realm.admin().users().get(userId).toRepresentation().getRequiredActions().contains("mfa-register"));

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "ACTION".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().contains(userId + "/reset")),
                "an admin event for the reset");

        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertFalse(registerPage.canSnooze(), "after a reset registering is required");
        assertTrue(registerPage.methods().contains("mfa-phone"));
        String newPhone = DemoUsers.uniquePhone();
        registerPage.choose("mfa-phone");
        phonePage.enterNumber(newPhone);
        phonePage.enterCode(Outbox.lastCodeTo(newPhone));
        phonePage.confirmAdded();
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertFalse(realm.admin().users().get(userId).toRepresentation().getRequiredActions().contains("mfa-register"));
    }

    @Test
    public void onlyAdminsWithRightsMayListOrReset() {
        String userId = DemoUsers.withPhones(realm, DemoUsers.uniqueName("target"), false, DemoUsers.uniquePhone());
        String plain = api.tokenWithRoles();
        assertEquals(403, api.methods(plain, userId).statusCode());
        assertEquals(403, api.reset(plain, userId, false).statusCode());
        assertEquals(403, api.methods(plain, "no-such-user").statusCode(), "no user ids are revealed");

        String viewer = api.tokenWithRoles("view-users");
        assertEquals(200, api.methods(viewer, userId).statusCode());
        assertEquals(403, api.reset(viewer, userId, false).statusCode(), "view-users may not reset");
        assertEquals(404, api.methods(viewer, "no-such-user").statusCode());
        assertEquals(List.of("mfa-phone", "password"), RegistrationSteps.credentialTypes(realm, userId).stream().sorted().toList());

        assertEquals(401, api.methods("not-a-token", userId).statusCode());
        assertEquals(200, api.reset(admin.tokenManager().getAccessTokenString(), userId, true).statusCode(),
                "the server admin may");
    }
}
