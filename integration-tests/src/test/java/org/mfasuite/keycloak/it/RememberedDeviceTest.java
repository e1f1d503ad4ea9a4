package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/**
 * "Don't ask again on this device": staff (policy {@code staff need mfa}, remember-device-days 30) skip the SMS
 * code on a browser they remembered, until they remove it, an admin signs them out, or their password changes.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class RememberedDeviceTest extends DemoRealmTest {

    static final String SAM_PHONE = "+46701234588";
    static final String TYPE = "mfa-trusted-device";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    public void samRemembersHisBrowserAndSkipsTheCodeUntilHeRemovesIt() throws Exception {
        String samId = realm.admin().users().search("sam", true).get(0).getId();
        submitPassword("sam", "sam");
        smsPage.assertCurrent();
        assertTrue(smsPage.offersRememberDevice(), "the policy lets staff remember a device");
        assertEquals("Don't ask again on this device for 30 days", smsPage.rememberDeviceLabel());
        smsPage.enterCodeAndRememberDevice(Outbox.lastCodeTo(SAM_PHONE));
        AccessTokenResponse tokens = tokens();
        assertEquals("remembered", lastEvent(samId, "LOGIN").getDetails().get("mfa_trusted_device"));

        CredentialRepresentation device = device(samId);
        assertNotNull(device, "the remembered device is one of sam's credentials");
        assertFalse(device.getUserLabel().isBlank(), "named from the browser's User-Agent");
        assertTrue(device.getCredentialData().contains("\"ipAddress\""), device.getCredentialData());

        // the Account Console lists it, removable, and never as a method to set up
        JsonNode listed = accountCredentials(tokens.getAccessToken());
        assertNotNull(listed, "listed under Signing in");
        assertEquals("two-factor", listed.path("category").asText());
        assertTrue(listed.path("removeable").asBoolean());
        assertTrue(listed.path("createAction").isMissingNode() || listed.path("createAction").isNull());
        assertEquals(device.getId(), listed.path("userCredentialMetadatas").get(0).path("credential").path("id").asText());

        signOut(tokens);
        int sent = Outbox.countTo(SAM_PHONE);
        submitPassword("sam", "sam");
        AccessTokenResponse second = tokens();
        assertEquals(sent, Outbox.countTo(SAM_PHONE), "the password alone: no code sent");
        assertEquals("recognised", lastEvent(samId, "LOGIN").getDetails().get("mfa_trusted_device"));

        // sam removes it (Account REST, as the Account Console's Remove does)
        assertEquals(204, removeInAccount(second.getAccessToken(), device.getId()));
        signOut(second);
        submitPassword("sam", "sam");
        smsPage.assertCurrent();
        assertEquals(sent + 1, Outbox.countTo(SAM_PHONE), "a code again");
        smsPage.enterCode(Outbox.lastCodeTo(SAM_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertNull(device(samId), "the box was not ticked: nothing remembered");
    }

    @Test
    public void anAdminSignOutOfTheUserForgetsHerDevices() {
        String phone = DemoUsers.uniquePhone();
        String user = staffWithPhone(phone);
        String id = userId(user);
        rememberAndComeBack(user, phone);

        clock.set(2);
        realm.admin().users().get(id).logout();

        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertNotNull(device(id), "the credential stays, listed, but no longer counts");
    }

    @Test
    public void aPasswordResetForgetsHerDevices() {
        String phone = DemoUsers.uniquePhone();
        String user = staffWithPhone(phone);
        String id = userId(user);
        AccessTokenResponse tokens = rememberAndComeBack(user, phone);

        clock.set(2);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("another-password-2");
        password.setTemporary(false);
        realm.admin().users().get(id).resetPassword(password);
        signOut(tokens);

        submitPassword(user, "another-password-2");
        smsPage.assertCurrent();
    }

    @Test
    public void theBoxIsNotOfferedWhenNoPolicyAsksForRemembering() {
        submitPassword("alice", "alice");
        smsPage.assertCurrent();
        assertFalse(smsPage.offersRememberDevice(), "no policy applies to alice");
        smsPage.enterCode(Outbox.lastCodeTo(SmsSignInTest.ALICE_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    public void theCookieIsHttpOnlyLaxOnTheRealmPathForThePolicysDays() {
        String phone = DemoUsers.uniquePhone();
        String user = staffWithPhone(phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        HttpResponse<String> response = FormPost.of(driver, "mfa-sms-form").post(Map.of(
                "code", Outbox.lastCodeTo(phone), "mfa-action", "verify", "mfa-remember-device", "on"));
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("MFA_TRUSTED_DEVICE=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("Path=/realms/demo/"), cookie);
        assertTrue(cookie.contains("Max-Age=2592000"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        String value = cookie.substring("MFA_TRUSTED_DEVICE=".length(), cookie.indexOf(';'));
        CredentialRepresentation device = device(userId(user));
        assertTrue(value.startsWith(device.getId() + "."), "names the credential");
        assertFalse(device.getCredentialData().contains(value.substring(value.indexOf('.') + 1)),
                "the secret is not stored");
    }

    /** A fresh /staff user signs in with SMS and ticks the box, signs out, and comes back with the password only. */
    private AccessTokenResponse rememberAndComeBack(String user, String phone) {
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCodeAndRememberDevice(Outbox.lastCodeTo(phone));
        signOut(tokens());
        submitPassword(user, DemoUsers.PASSWORD);
        AccessTokenResponse tokens = tokens();
        assertEquals(1, Outbox.countTo(phone), "remembered: no second code");
        return tokens;
    }

    private String staffWithPhone(String phone) {
        String user = DemoUsers.uniqueName("staff");
        String id = DemoUsers.withPhones(realm, user, false, phone);
        String staff = realm.admin().groups().groups("staff", 0, 1).get(0).getId();
        realm.admin().users().get(id).joinGroup(staff);
        return user;
    }

    private AccessTokenResponse tokens() {
        String code = oauth.parseLoginResponse().getCode();
        assertNotNull(code, "signed in: the client got an authorization code");
        return oauth.doAccessTokenRequest(code);
    }

    /** OAuth logout: the SSO session ends; the browser keeps its cookies, MFA_TRUSTED_DEVICE among them. */
    private void signOut(AccessTokenResponse tokens) {
        oauth.doLogout(tokens.getRefreshToken());
    }

    private String userId(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    private CredentialRepresentation device(String userId) {
        UserResource user = realm.admin().users().get(userId);
        return user.credentials().stream().filter(c -> TYPE.equals(c.getType())).findFirst().orElse(null);
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event");
        return events.get(0);
    }

    private JsonNode accountCredentials(String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/account/credentials"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode type : JSON.readTree(response.body())) {
            if (TYPE.equals(type.path("type").asText())) {
                return type;
            }
        }
        return null;
    }

    private int removeInAccount(String accessToken, String credentialId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/account/credentials/" + credentialId))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
