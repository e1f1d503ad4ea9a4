package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The admin console's data: a sign-in found by the helpdesk reference its user was shown
 * ({@code GET …/mfa/sign-ins?reference=}), and the overview ({@code GET …/mfa/overview}) counting what scripted
 * sign-ins and refusals through the real login flows stored.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class OverviewTest extends DemoRealmTest {

    static final String BLOCKED_CLIENT = "legacy-reports";
    static final String BLOCK_POLICY = "block legacy-reports";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private AdminApi api;

    @BeforeEach
    void api() {
        api = new AdminApi(realm, urls);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theHelpdeskFindsARefusedSignInByTheReferenceItsUserReadsOut() {
        String reference = refusedGrant();
        String token = api.tokenWithRoles("view-events", "view-users");

        for (String typed : List.of(reference, reference.toLowerCase(Locale.ROOT).replace("-", ""),
                " " + reference.substring(0, 4).toLowerCase(Locale.ROOT) + " " + reference.substring(5) + " ")) {
            HttpResponse<String> response = get(token, "sign-ins", Map.of("reference", typed));
            assertEquals(200, response.statusCode(), response.body());
            List<Map<String, Object>> rows = AdminApi.json(response.body(), List.class);
            assertEquals(1, rows.size(), typed + ": " + response.body());
            Map<String, Object> row = rows.get(0);
            assertEquals(reference, row.get("reference"));
            assertNull(row.get("method"), "a refusal is no second-factor attempt");
            assertEquals("failure", row.get("result"));
            assertEquals("mfa_policy_block", row.get("reason"));
            assertEquals("access_denied", row.get("error"));
            assertEquals("block", row.get("access"));
            assertEquals(BLOCK_POLICY, row.get("policies"));
            assertEquals(BLOCKED_CLIENT, row.get("client"));
            assertEquals("alice", row.get("username"));
            Map<String, String> details = (Map<String, String>) row.get("details");
            assertEquals(reference, details.get("mfa_ref"), "the event's full details: " + details);
        }

        assertEquals("[]", get(token, "sign-ins", Map.of("reference", "0000-0000")).body(), "no such reference");
        HttpResponse<String> typo = get(token, "sign-ins", Map.of("reference", "7KQ2-MX9"));
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body().contains("7KQ2-MX9D"), "names the form a reference has: " + typo.body());
        assertEquals(403, get(api.tokenWithRoles("view-users"), "sign-ins", Map.of("reference", reference)).statusCode(),
                "view-events, as the log");
        HttpResponse<String> csv = get(token, "sign-ins", Map.of("reference", reference, "format", "csv"));
        List<String> lines = csv.body().trim().lines().toList();
        assertEquals(2, lines.size(), csv.body());
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(","));
        assertEquals(reference, lines.get(1).split(",", -1)[header.indexOf("reference")], csv.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theOverviewCountsTheSignInsMessagesAndRefusalsStored() {
        String token = api.tokenWithRoles("view-events", "view-users");
        Map<String, Object> before = overview(token, Map.of("days", "1"));

        // one SMS sign-in with a wrong code first (one message), then two refused direct grants
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("overview");
        DemoUsers.withPhones(realm, user, false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        String code = Outbox.lastCodeTo(phone);
        smsPage.enterCode(code.equals("000000") ? "111111" : "000000");
        smsPage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
        refusedGrant();
        refusedGrant();

        Map<String, Object> after = overview(token, Map.of("days", "1"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(1, count(after, "days", today, "sms", "successes") - count(before, "days", today, "sms", "successes"),
                after.toString());
        assertEquals(1, count(after, "days", today, "sms", "failures") - count(before, "days", today, "sms", "failures"));
        assertEquals(1, count(after, "days", today, "sms", "messagesSent")
                - count(before, "days", today, "sms", "messagesSent"));
        Map<String, Object> refusals = (Map<String, Object>) after.get("refusals");
        Map<String, Object> refusalsBefore = (Map<String, Object>) before.get("refusals");
        assertEquals(2, number(refusals, "total") - number(refusalsBefore, "total"));
        assertEquals(2, named(refusals.get("byPolicy"), BLOCK_POLICY) - named(refusalsBefore.get("byPolicy"), BLOCK_POLICY));
        assertEquals(2, named(refusals.get("byReason"), "mfa_policy_block")
                - named(refusalsBefore.get("byReason"), "mfa_policy_block"));
        assertEquals(1, named(after.get("failureReasons"), "wrong_code") - named(before.get("failureReasons"), "wrong_code"));

        Map<String, Object> budget = (Map<String, Object>) after.get("messageBudget");
        assertEquals(2000, number(budget, "realmHourlyLimit"), "the demo's realm-hourly-limit");
        List<Map<String, Object>> busiest = (List<Map<String, Object>>) budget.get("busiestHours");
        assertTrue(busiest.stream().anyMatch(h -> today.equals(h.get("day")) && number(h, "sent") >= 1), busiest.toString());

        Map<String, Object> coverage = (Map<String, Object>) after.get("coverage");
        assertTrue(number((Map<String, Object>) coverage.get("byMethod"), "mfa-phone") >= 1, coverage.toString());
        assertTrue(number(coverage, "campaignMembers") >= number(coverage, "campaignWaiting"), coverage.toString());
        assertEquals(List.of("/pilot"), coverage.get("campaignGroups"));
        assertEquals(Boolean.FALSE, after.get("truncated"));

        // permissions: coverage only with view-users; nothing without view-events; days checked
        assertNull(overview(api.tokenWithRoles("view-events"), Map.of()).get("coverage"));
        assertEquals(403, get(api.tokenWithRoles("view-users"), "overview", Map.of()).statusCode());
        assertEquals(400, get(token, "overview", Map.of("days", "0")).statusCode());
    }

    /** A direct grant of the demo's blocked client: refused with a helpdesk reference in the description. */
    private String refusedGrant() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", ConditionalAccessTest.OUTSIDE).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(Map.of("grant_type", "password",
                        "client_id", BLOCKED_CLIENT, "username", "alice", "password", "alice"))))
                .build();
        HttpResponse<String> refused = HttpCalls.send(request);
        assertEquals(400, refused.statusCode(), refused.body());
        String description = (String) AdminApi.json(refused.body(), Map.class).get("error_description");
        return description.replaceAll(".*Reference ([0-9A-Z]{4}-[0-9A-Z]{4})\\..*", "$1");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> overview(String token, Map<String, String> query) {
        HttpResponse<String> response = get(token, "overview", query);
        assertEquals(200, response.statusCode(), response.body());
        return AdminApi.json(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static long count(Map<String, Object> overview, String list, String day, String method, String field) {
        return ((List<Map<String, Object>>) overview.get(list)).stream()
                .filter(d -> day.equals(d.get("day")) && method.equals(d.get("method")))
                .mapToLong(d -> number(d, field)).sum();
    }

    @SuppressWarnings("unchecked")
    private static long named(Object counts, String name) {
        return ((List<Map<String, Object>>) counts).stream().filter(c -> name.equals(c.get("name")))
                .mapToLong(c -> number(c, "count")).sum();
    }

    private static long number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private HttpResponse<String> get(String token, String path, Map<String, String> query) {
        String q = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path + (q.isEmpty() ? "" : "?" + q));
        return HttpCalls.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }
}
