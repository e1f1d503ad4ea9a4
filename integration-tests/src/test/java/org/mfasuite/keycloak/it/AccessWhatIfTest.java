package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;

/**
 * An admin asks "what would the policies do if this user signed in here?" and gets the answer a real sign-in
 * with the same inputs gets: compared here with the {@code mfa_access}, {@code mfa_policies} and
 * {@code mfa_report_only} details of real direct-grant sign-ins from the same addresses (X-Forwarded-For).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AccessWhatIfTest extends DemoRealmTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A public client with the direct grant and no flow override: the realm's direct-grant flow. */
    private static final String CLI = "what-if-cli";
    private static final String OFFICE = "198.51.100.";
    private static final String HOME = "203.0.113.";
    private static final String SAM_PHONE = "+46701234588";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @BeforeEach
    void directGrantClient() {
        createClient(CLI, Map.of());
    }

    /** A new demo user holding the given realm-management roles; returns the username. */
    private String withRoles(String... roles) {
        String username = DemoUsers.uniqueName("auditor");
        String id = DemoUsers.create(realm, username, List.of(), false);
        String realmManagement = realm.admin().clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> reps = java.util.Arrays.stream(roles)
                .map(r -> realm.admin().clients().get(realmManagement).roles().get(r).toRepresentation()).toList();
        realm.admin().users().get(id).roles().clientLevel(realmManagement).add(reps);
        return username;
    }

    @Test
    public void onlyCallersWhoMayViewUsersAndTheRealmMayAsk() {
        String plain = DemoUsers.uniqueName("plain");
        DemoUsers.create(realm, plain, List.of(), false);
        String usersOnly = withRoles("view-users");
        String realmOnly = withRoles("view-realm");
        String auditor = withRoles("view-users", "view-realm");

        Map<String, String> question = question("alice", CLI, HOME + "1", "browser");
        assertEquals(403, whatIf(token(plain, DemoUsers.PASSWORD), question).statusCode());
        assertEquals(403, whatIf(token(usersOnly, DemoUsers.PASSWORD), question).statusCode(),
                "the answer shows policy configuration: view-users alone is not enough");
        assertEquals(403, whatIf(token(realmOnly, DemoUsers.PASSWORD), question).statusCode(),
                "the answer is about a user: view-realm alone is not enough");
        HttpResponse<String> allowed = whatIf(token(auditor, DemoUsers.PASSWORD), question);
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("none", json(allowed).get("grant"));
        assertEquals(401, whatIf("not-a-token", question).statusCode());
    }

    @Test
    public void theAnswerMatchesWhatARealSignInDoes() {
        // alice (no group) from home: nothing enforced, the report-only policy recorded
        Map<String, Object> alice = assertMatchesSignIn("alice", CLI, HOME + "10", "none");
        assertEquals(Map.of("report only - mfa for everyone", "mfa"), alice.get("reportOnly"));
        assertEquals("direct grant with access", alice.get("flow"));
        // alice in the office: allowed by the office network
        assertMatchesSignIn("alice", CLI, OFFICE + "10", "allow");
        // sam (/staff) from home: a second factor the direct grant cannot give
        Map<String, Object> sam = assertMatchesSignIn("sam", CLI, HOME + "11", "mfa");
        assertEquals(List.of("staff need mfa"), sam.get("decidingPolicies"));
        assertEquals(30, sam.get("rememberDeviceDays"));
        // sam in the office: the staff policy excludes the office network
        Map<String, Object> samAtWork = assertMatchesSignIn("sam", CLI, OFFICE + "11", "allow");
        Map<String, Object> staff = evaluation(samAtWork, "staff need mfa");
        assertEquals(false, staff.get("applies"));
        assertEquals("network", staff.get("unmetCondition"));
        // the blocked client, even from the office
        Map<String, Object> legacy = assertMatchesSignIn("alice", "legacy-reports", OFFICE + "12", "block");
        assertEquals(List.of("block legacy-reports"), legacy.get("decidingPolicies"));
        assertEquals(List.of("block legacy-reports", "office network"), legacy.get("policies"));
    }

    @Test
    public void aClientWithItsOwnFlowIsAnsweredFromThatFlow() {
        String copy = DemoUsers.uniqueName("wi");
        try (Response created = realm.admin().flows().copy("direct grant with access", Map.of("newName", copy))) {
            assertEquals(201, created.getStatus());
        }
        String flowId = realm.admin().flows().getFlows().stream().filter(f -> copy.equals(f.getAlias()))
                .map(AuthenticationFlowRepresentation::getId).findFirst().orElseThrow();
        String client = DemoUsers.uniqueName("wi-app");
        createClient(client, Map.of("direct_grant", flowId));
        realm.cleanup().add(r -> r.flows().deleteFlow(flowId)); // cleanups run in order: the client is gone by then

        // the copy's policies carry the copy's name: the answer and the sign-in both name them
        Map<String, Object> answer = assertMatchesSignIn("sam", client, HOME + "20", "mfa");
        assertEquals(copy, answer.get("flow"));
        assertEquals(List.of(copy + " staff need mfa"), answer.get("policies"));
    }

    @Test
    public void badQuestionsAreRefusedWithTheReason() {
        assertRefused(question("nobody-here", CLI, HOME + "1", "browser"), "nobody-here");
        assertRefused(question("alice", "no-such-app", HOME + "1", "browser"), "no-such-app");
        assertRefused(question("alice", CLI, "198.51.100.300", "browser"), "198.51.100.300");
        assertRefused(question("alice", CLI, "intranet.example.org", "browser"), "intranet.example.org");
        assertRefused(question("alice", CLI, HOME + "1", "imap"), "imap");
        Map<String, String> noAddress = new HashMap<>(question("alice", CLI, HOME + "1", null));
        noAddress.remove("ipAddress");
        assertRefused(noAddress, "ipAddress");
    }

    @Test
    public void aBrowserSignInGetsTheAnswerOfTheBrowserFlow() {
        submitPassword("sam", "sam");
        smsPage.assertCurrent();
        smsPage.enterCode(Outbox.lastCodeTo(SAM_PHONE));
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in with the SMS code");
        String samId = realm.admin().users().search("sam", true).get(0).getId();
        EventRepresentation login = realm.admin().getEvents(List.of("LOGIN"), null, samId, null, null, null, 0, 1)
                .get(0);

        Map<String, Object> answer = ask("sam", login.getClientId(), login.getIpAddress(), "browser");
        assertEquals("mfa", answer.get("grant"), "staff outside the office network");
        assertEquals("browser with mfa", answer.get("flow"));
        assertEquals("browser", answer.get("clientType"));
        assertSameDecision(answer, login);
    }

    /** Asks, signs in for real the same way (direct grant), and compares the answer with the sign-in's event. */
    private Map<String, Object> assertMatchesSignIn(String username, String clientId, String ip, String expected) {
        Map<String, Object> answer = ask(username, clientId, ip, "direct-grant");
        assertEquals(expected, answer.get("grant"), answer.toString());

        HttpResponse<String> signIn = passwordGrant(clientId, username, username, ip);
        String userId = realm.admin().users().search(username, true).get(0).getId();
        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN", "LOGIN_ERROR"), clientId, userId,
                null, null, ip, 0, 1);
        assertEquals(1, events.size(), "the sign-in from " + ip + " was recorded: " + signIn.body());
        EventRepresentation event = events.get(0);
        assertSameDecision(answer, event);
        boolean refused = List.of("block", "mfa", "phishing-resistant").contains(expected);
        assertEquals(refused ? "LOGIN_ERROR" : "LOGIN", event.getType(), signIn.body());
        assertEquals(refused ? 400 : 200, signIn.statusCode(), signIn.body());
        return answer;
    }

    private Map<String, Object> ask(String username, String clientId, String ip, String clientType) {
        HttpResponse<String> asked = whatIf(admin.tokenManager().getAccessTokenString(),
                question(username, clientId, ip, clientType));
        assertEquals(200, asked.statusCode(), asked.body());
        return json(asked);
    }

    /** The answer's decision is the one the sign-in recorded in its event details. */
    private static void assertSameDecision(Map<String, Object> answer, EventRepresentation event) {
        Map<String, String> details = event.getDetails();
        String context = answer + " vs " + event.getType() + " " + details;
        assertEquals(answer.get("grant"), details.get("mfa_access"), context);
        assertEquals(joined((List<?>) answer.get("policies")), details.get("mfa_policies"), context);
        @SuppressWarnings("unchecked")
        Map<String, Object> reportOnly = (Map<String, Object>) answer.get("reportOnly");
        assertEquals(reportOnly.isEmpty() ? null : reportOnly.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                details.get("mfa_report_only"), context);
    }

    private void assertRefused(Map<String, String> question, String named) {
        HttpResponse<String> response = whatIf(admin.tokenManager().getAccessTokenString(), question);
        assertEquals(400, response.statusCode(), response.body());
        Map<String, Object> body = json(response);
        assertEquals("invalid_request", body.get("error"));
        assertTrue(String.valueOf(body.get("error_description")).contains(named), response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evaluation(Map<String, Object> answer, String policy) {
        return ((List<Map<String, Object>>) answer.get("evaluations")).stream()
                .filter(e -> policy.equals(e.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, String> question(String username, String clientId, String ip, String clientType) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("username", username);
        q.put("clientId", clientId);
        q.put("ipAddress", ip);
        if (clientType != null) {
            q.put("clientType", clientType);
        }
        return q;
    }

    /** A public client with the direct grant, with the given flow overrides; removed after the test. */
    private void createClient(String clientId, Map<String, String> flowOverrides) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setAuthenticationFlowBindingOverrides(flowOverrides);
        try (Response created = realm.admin().clients().create(client)) {
            assertEquals(201, created.getStatus());
            String path = created.getLocation().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            realm.cleanup().add(r -> r.clients().get(id).remove());
        }
    }

    private String token(String username, String password) {
        HttpResponse<String> response = passwordGrant(CLI, username, password, null);
        assertEquals(200, response.statusCode(), response.body());
        Object token = json(response).get("access_token");
        assertNotNull(token);
        return (String) token;
    }

    /**
     * A direct-grant sign-in; from {@code ip} as a proxy in front of Keycloak reports it (X-Forwarded-For, and
     * X-Forwarded-Proto: the realm requires HTTPS from non-local addresses), or from this machine when null.
     */
    private HttpResponse<String> passwordGrant(String clientId, String username, String password, String ip) {
        String form = Map.of("grant_type", "password", "client_id", clientId, "username", username,
                        "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.getToken(realm.getName())))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (ip != null) {
            request.header("X-Forwarded-For", ip).header("X-Forwarded-Proto", "https");
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> whatIf(String token, Map<String, String> question) {
        try {
            return send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/" + realm.getName()
                            + "/mfa/what-if"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(question)))
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(request);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return HttpCalls.json(response);
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? null : values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
