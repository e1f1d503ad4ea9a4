package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
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
import org.keycloak.util.JsonSerialization;

/**
 * A realm admin looks at every conditional-access policy in one list, sees a one-letter group typo flagged before
 * anyone is locked out, sees what a policy did to the last days' sign-ins, and saves a policy through the checks the
 * sign-in makes: the typo refused with its field named, the fix accepted.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class ConditionalAccessAdminTest extends DemoRealmTest {

    private static final String STAFF = "staff need mfa";
    private static final String HOME = "203.0.113.";
    private static final String OFFICE = "198.51.100.";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    private AdminApi api;

    @BeforeEach
    void api() {
        api = new AdminApi(realm, urls);
    }

    @Test
    public void everyPolicyIsListedWithWhereItIsReachedFromAndATypoIsFlaggedAtItsField() {
        String token = adminToken();
        Map<String, Object> staff = row(list(token), STAFF);
        assertEquals("on", staff.get("state"));
        assertEquals("mfa", staff.get("grant"));
        assertEquals(List.of("/staff"), conditions(staff).get("include-groups"));
        assertEquals(List.of("198.51.100.0/24"), conditions(staff).get("excluded-networks"));
        assertEquals(30, staff.get("rememberDeviceDays"));
        assertEquals(List.of(), staff.get("problems"));
        assertTrue(flows(staff).contains("browser with mfa/browser"), staff.toString());
        assertTrue(flows(staff).contains("direct grant with access/direct_grant"), staff.toString());
        assertEquals("report-only", row(list(token), "report only - mfa for everyone").get("state"));

        AccessPolicyConfig.set(realm, STAFF, Map.of("include-groups", "/stafff", "exclude-clients", "legacy-reprots"));
        Map<String, Object> typo = row(list(token), STAFF);
        assertEquals("block", typo.get("demand"), "a policy with a problem blocks what it covers");
        List<Map<String, Object>> problems = problems(typo);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("include-groups", problems.get(0).get("field"));
        assertEquals("unknown-group", problems.get(0).get("code"));
        assertEquals("/stafff", problems.get(0).get("value"));
        assertEquals("exclude-clients", problems.get(1).get("field"));
        assertEquals("unknown-client", problems.get(1).get("code"));
        // the same check the sign-in makes: what-if names the same problem
        Map<String, Object> answer = HttpCalls.json(post(token, "what-if", Map.of("username", "alice",
                "clientId", AdminApi.CLI, "ipAddress", HOME + "1", "clientType", "direct-grant")));
        assertEquals("block", answer.get("grant"), answer.toString());
    }

    @Test
    public void savingRefusesTheTypoNamingTheFieldAndAcceptsTheFix() {
        AccessPolicyConfig.set(realm, STAFF, Map.of()); // puts the shipped config back afterwards
        String token = adminToken();
        Map<String, Object> staff = row(list(token), STAFF);
        String id = (String) staff.get("id");
        @SuppressWarnings("unchecked")
        Map<String, String> config = new HashMap<>((Map<String, String>) staff.get("config"));

        config.put("include-groups", "/stafff");
        config.put("networks", "198.51.100.0/24##office-lan");
        HttpResponse<String> refused = put(token, id, config);
        assertEquals(400, refused.statusCode(), refused.body());
        Map<String, Object> body = HttpCalls.json(refused);
        assertEquals("invalid_policy", body.get("error"));
        List<Map<String, Object>> problems = problems(body);
        assertEquals(List.of("networks", "include-groups"), problems.stream().map(p -> p.get("field")).toList(),
                refused.body());
        assertEquals("/staff", realm.admin().flows().getAuthenticatorConfig(id).getConfig().get("include-groups"),
                "nothing was saved");
        config.put("unknown-key", "x");
        config.remove("networks");
        assertTrue(put(token, id, config).body().contains("\"field\":\"unknown-key\""));

        config.remove("unknown-key");
        config.put("include-groups", "/staff");
        config.put("remember-device-days", "14");
        HttpResponse<String> saved = put(token, id, config);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(14, HttpCalls.json(saved).get("rememberDeviceDays"));
        assertEquals("14", realm.admin().flows().getAuthenticatorConfig(id).getConfig().get("remember-device-days"));
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "UPDATE".equals(e.getOperationType())
                && "AUTHENTICATOR_CONFIG".equals(e.getResourceType())
                && ("authentication/config/" + id).equals(e.getResourcePath())), "an admin event for the save");
    }

    @Test
    public void theImpactReplaysTheLastDaysSignInsAndNamesWhoOnlyForThoseWhoMayViewUsers() {
        String user = DemoUsers.uniqueName("impact");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String staff = realm.admin().getGroupByPath("/staff").getId();
        realm.admin().users().get(userId).joinGroup(staff);
        assertEquals(400, passwordGrant(user, HOME + "7").statusCode(), "staff from home: a second factor");
        assertEquals(400, passwordGrant(user, HOME + "8").statusCode());
        assertEquals(200, passwordGrant(user, OFFICE + "7").statusCode(), "staff in the office: allowed");
        assertEquals(400, passwordGrant(user, HOME + "9", "wrong").statusCode(), "a wrong password is no sign-in");

        String token = adminToken();
        String id = (String) row(list(token), STAFF).get("id");
        Map<String, Object> impact = HttpCalls.json(get(token, "policies/" + id + "/impact?days=1"));
        assertEquals(1, impact.get("days"));
        assertEquals("mfa", impact.get("demand"));
        assertEquals(false, impact.get("truncated"));
        Map<String, Object> who = users(impact).stream().filter(u -> userId.equals(u.get("userId"))).findFirst()
                .orElseThrow(() -> new AssertionError(impact.toString()));
        assertEquals(2, who.get("secondFactor"), "the two sign-ins from home; the office one is not covered");
        assertEquals(0, who.get("blocked"));
        assertEquals(user, who.get("username"));
        assertTrue(((Number) impact.get("signIns")).intValue() >= 3, impact.toString());
        assertTrue(((List<?>) impact.get("limits")).contains("groups-and-roles-of-today"));

        String auditor = api.tokenWithRoles("view-realm", "view-events");
        Map<String, Object> anonymous = HttpCalls.json(get(auditor, "policies/" + id + "/impact?days=1"));
        Map<String, Object> same = users(anonymous).stream().filter(u -> userId.equals(u.get("userId"))).findFirst()
                .orElseThrow();
        assertNull(same.get("username"), "no usernames without view-users");
        assertEquals(400, get(token, "policies/" + id + "/impact?days=91").statusCode());
        assertEquals(404, get(token, "policies/no-such-config/impact").statusCode());
    }

    @Test
    public void eachCallNeedsItsPermission() {
        String usersOnly = api.tokenWithRoles("view-users");
        String viewRealm = api.tokenWithRoles("view-realm");
        String manager = api.tokenWithRoles("manage-realm");
        assertEquals(403, get(usersOnly, "policies").statusCode(), "a helpdesk account does not see policies");
        assertEquals(200, get(viewRealm, "policies").statusCode());
        String id = (String) row(list(viewRealm), STAFF).get("id");
        assertEquals(403, get(usersOnly, "policies/" + id + "/impact").statusCode());
        assertEquals(403, get(viewRealm, "policies/" + id + "/impact").statusCode(), "impact reads events");
        Map<String, String> same = realm.admin().flows().getAuthenticatorConfig(id).getConfig();
        assertEquals(403, put(usersOnly, id, same).statusCode());
        assertEquals(403, put(viewRealm, id, same).statusCode(), "view-realm does not save");
        AccessPolicyConfig.set(realm, STAFF, Map.of());
        assertEquals(200, put(manager, id, same).statusCode());
        assertEquals(401, get("not-a-token", "policies").statusCode());
    }

    private String adminToken() {
        return admin.tokenManager().getAccessTokenString();
    }

    private List<Map<String, Object>> list(String token) {
        HttpResponse<String> response = get(token, "policies");
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body(), List.class);
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no policy " + name + " in " + rows));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> conditions(Map<String, Object> row) {
        return (Map<String, List<String>>) row.get("conditions");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> problems(Map<String, Object> row) {
        return (List<Map<String, Object>>) row.get("problems");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users(Map<String, Object> impact) {
        return (List<Map<String, Object>>) impact.get("users");
    }

    @SuppressWarnings("unchecked")
    private static List<String> flows(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("reachedFrom")).stream()
                .map(r -> r.get("flow") + "/" + r.get("binding")).toList();
    }

    private HttpResponse<String> passwordGrant(String username, String ip) {
        return passwordGrant(username, ip, DemoUsers.PASSWORD);
    }

    private HttpResponse<String> passwordGrant(String username, String ip, String password) {
        String form = HttpCalls.form(Map.of("grant_type", "password", "client_id", AdminApi.CLI, "username", username,
                "password", password));
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getToken(realm.getName())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", ip).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> get(String token, String path) {
        return HttpCalls.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> put(String token, String id, Map<String, String> config) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("policies/" + id)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(config))).build());
    }

    private HttpResponse<String> post(String token, String path, Object body) {
        return HttpCalls.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    private URI uri(String path) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path);
    }

    private static String write(Object body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T json(String body, Class<?> type) {
        return (T) AdminApi.json(body, type);
    }
}
