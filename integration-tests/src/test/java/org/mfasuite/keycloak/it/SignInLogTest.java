package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.openqa.selenium.By;

/**
 * The two-step verification log ({@code GET …/mfa/sign-ins}), the usage report ({@code GET …/mfa/report}) and the
 * operators' counters on Keycloak's metrics endpoint, after scripted sign-ins through the real login pages.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class SignInLogTest extends DemoRealmTest {

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    AppPasswordPage appPasswordPage;

    @InjectPage
    LoginPasswordUpdatePage passwordUpdatePage;

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
    public void smsAttemptsAreRowsWithTheFieldsMfaServerShowed() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("log");
        String userId = DemoUsers.withPhones(realm, user, false, phone);
        long from = System.currentTimeMillis() - 1;
        // first sign-in: a wrong code, then the right one; second sign-in: a wrong code, then given up
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
        realm.admin().logoutAll();
        driver.driver().manage().deleteAllCookies();
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));
        assertEquals(2, Outbox.countTo(phone));
        long to = System.currentTimeMillis() + 1;

        String token = api.tokenWithRoles("view-events", "view-users");
        HttpResponse<String> response = get(token, "sign-ins", Map.of("user", user));
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> rows = AdminApi.json(response.body(), List.class);
        assertEquals(List.of("failure", "success", "failure"), rows.stream().map(r -> r.get("result")).toList(),
                "one row per attempt, newest first");
        EventRepresentation login = realm.admin().getEvents(List.of("LOGIN"), null, userId, null, null, null, 0, 1).get(0);
        Map<String, Object> success = rows.get(1);
        assertEquals(login.getTime(), ((Number) success.get("time")).longValue(), "built from the stored LOGIN event");
        assertEquals(user, success.get("username"));
        assertEquals(user + " Test", success.get("name"));
        assertEquals(user + "@example.org", success.get("email"));
        assertEquals("sms", success.get("method"));
        assertEquals("valid", success.get("reason"));
        assertEquals("+46 70•••••" + phone.substring(phone.length() - 2), success.get("device"), "masked");
        assertEquals(MfaServerConfig.NODE_NAME, success.get("node"));
        assertEquals("127.0.0.1", success.get("ipAddress"));
        assertEquals(login.getClientId(), success.get("client"));
        assertEquals(userId, success.get("userId"));
        assertEquals("wrong_code", rows.get(0).get("reason"));
        assertEquals("invalid_user_credentials", rows.get(0).get("error"));
        assertFalse(response.body().contains(phone.substring(4)), "no full number anywhere");

        // filters and paging
        assertEquals(2, rows(token, Map.of("user", user, "method", "sms", "result", "failure")).size());
        assertEquals(0, rows(token, Map.of("user", user, "method", "otp")).size());
        assertEquals(0, rows(token, Map.of("user", userId, "client", "no-such-client")).size(), "user id works too");
        assertEquals(3, rows(token, Map.of("user", userId, "client", login.getClientId(),
                "from", String.valueOf(from), "to", String.valueOf(to))).size());
        assertEquals(0, rows(token, Map.of("user", user, "from", String.valueOf(to + 1))).size());
        List<Map<String, Object>> second = rows(token, Map.of("user", user, "first", "1", "max", "1"));
        assertEquals(1, second.size());
        assertEquals(success.get("eventId"), second.get(0).get("eventId"));
        assertEquals(400, get(token, "sign-ins", Map.of("result", "maybe")).statusCode());
        assertEquals(400, get(token, "sign-ins", Map.of("from", "yesterday")).statusCode());

        // the report of exactly that time: three attempts, two messages
        HttpResponse<String> report = get(token, "report", Map.of("from", String.valueOf(from), "to", String.valueOf(to)));
        assertEquals(200, report.statusCode(), report.body());
        Map<String, Object> body = AdminApi.json(report.body(), Map.class);
        List<Map<String, Object>> totals = (List<Map<String, Object>>) body.get("totals");
        assertEquals(List.of(Map.of("day", "-", "method", "sms", "attempts", 3, "successes", 1, "failures", 2,
                        "messagesSent", 2, "messagesFailed", 0, "messagesRefused", 0)),
                totals.stream().map(SignInLogTest::withDay).toList(), report.body());
        List<Map<String, Object>> days = (List<Map<String, Object>>) body.get("days");
        assertEquals(1, days.size(), "all on one day (UTC), unless the test ran over midnight: " + days);
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), days.get(0).get("day"));
        assertEquals(Boolean.FALSE, body.get("truncated"));
    }

    @Test
    public void aRequiredActionAfterTheCodeDoesNotHideTheAttempt() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("log-action");
        String userId = DemoUsers.create(realm, user, List.of("UPDATE_PASSWORD"), false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        passwordUpdatePage.assertCurrent();
        passwordUpdatePage.changePassword("another-password-2", "another-password-2");
        assertNotNull(oauth.parseLoginResponse().getCode());

        // Keycloak sends LOGIN after the password page, from that request: the code's check is put back on it
        List<Map<String, Object>> rows = rows(api.tokenWithRoles("view-events"), Map.of("user", userId));
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("sms", rows.get(0).get("method"));
        assertEquals("success", rows.get(0).get("result"));
        assertEquals("valid", rows.get(0).get("reason"));
        assertEquals("+46 70•••••" + phone.substring(phone.length() - 2), rows.get(0).get("device"));
        assertEquals(MfaServerConfig.NODE_NAME, rows.get(0).get("node"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void keycloaksOwnAuthenticatorAppIsLoggedAsOtpWithTheDeviceName() {
        String user = DemoUsers.uniqueName("log-otp");
        String userId = DemoUsers.create(realm, user, List.of(), true);
        long from = System.currentTimeMillis() - 1;
        submitPassword(user, DemoUsers.PASSWORD);
        String right = Totp.code(DemoUsers.TOTP_SECRET, 0);
        driver.findElement(By.id("otp")).sendKeys(wrong(right));
        driver.findElement(By.id("kc-login")).click();
        driver.findElement(By.id("otp")).clear();
        driver.findElement(By.id("otp")).sendKeys(Totp.code(DemoUsers.TOTP_SECRET, 0));
        driver.findElement(By.id("kc-login")).click();
        assertNotNull(oauth.parseLoginResponse().getCode());
        long to = System.currentTimeMillis() + 1;

        String token = api.tokenWithRoles("view-events");
        assertEquals(List.of(), rows(token, Map.of("user", user)),
                "without view-users a username is not looked up: the log does not tell which usernames exist");
        List<Map<String, Object>> rows = rows(token, Map.of("user", userId));
        assertEquals(List.of("otp", "otp"), rows.stream().map(r -> r.get("method")).toList());
        assertEquals(List.of("success", "failure"), rows.stream().map(r -> r.get("result")).toList());
        assertEquals("invalid_user_credentials", rows.get(1).get("reason"));
        assertEquals(user, rows.get(0).get("username"), "the event's own username");
        assertNull(rows.get(0).get("name"), "names and emails need view-users");
        assertNull(rows.get(0).get("email"));
        assertEquals(MfaServerConfig.NODE_NAME, rows.get(0).get("node"), "LOGIN events of Keycloak's own forms too");

        Map<String, Object> report = AdminApi.json(get(token, "report",
                Map.of("from", String.valueOf(from), "to", String.valueOf(to))).body(), Map.class);
        assertEquals(List.of(Map.of("day", "-", "method", "otp", "attempts", 2, "successes", 1, "failures", 1,
                "messagesSent", 0, "messagesFailed", 0, "messagesRefused", 0)),
                ((List<Map<String, Object>>) report.get("totals")).stream().map(SignInLogTest::withDay).toList());
        assertNull(report.get("coverage"), "coverage counts users: view-users only");
    }

    @Test
    public void appPasswordsAreLoggedWithTheirNameAndTheClientThatSentThem() {
        String user = DemoUsers.uniqueName("log-app");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        oauth.loginForm().kcAction("mfa-app-password-create").open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        registerPage.choose("mfa-phone"); // creating an app password needs a second factor: registered first
        String phone = DemoUsers.uniquePhone();
        phonePage.enterNumber(phone);
        phonePage.enterCode(Outbox.lastCodeTo(phone));
        phonePage.confirmAdded();
        appPasswordPage.create("Thunderbird", null, null);
        String password = appPasswordPage.shownPassword();
        // the same public id (first group), one letter of the secret changed: a wrong app password
        char last = password.charAt(password.length() - 1);
        String wrong = password.substring(0, password.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertEquals(400, mailServer(user, wrong).statusCode());
        assertEquals(200, mailServer(user, password).statusCode());

        List<Map<String, Object>> rows = rows(api.tokenWithRoles("view-events"),
                Map.of("user", userId, "method", "app-password"));
        assertEquals(List.of("success", "failure"), rows.stream().map(r -> r.get("result")).toList(),
                "the password-only sign-in that created it is no row: " + rows);
        for (Map<String, Object> row : rows) {
            assertEquals("app-password", row.get("method"));
            assertEquals("Thunderbird", row.get("device"));
            assertEquals("mail-server", row.get("client"));
            assertEquals("203.0.113.9", row.get("ipAddress"), "the address the mail server forwarded");
            assertEquals(MfaServerConfig.NODE_NAME, row.get("node"));
        }
        assertEquals("wrong", rows.get(1).get("reason"));
    }

    @Test
    public void theCsvIsASpreadsheetFileSafeFromFormulas() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("-csv"); // a name a spreadsheet would take for a formula
        DemoUsers.withPhones(realm, user, false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());

        HttpResponse<String> csv = get(api.tokenWithRoles("view-events", "view-users"), "sign-ins",
                Map.of("user", user, "format", "csv"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("mfa-sign-ins.csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(2, lines.length, csv.body());
        assertEquals("\uFEFFtime,username,name,email,device,method,result,reason,node,ipAddress,client,userId,reference,risk,riskSignals", lines[0]);
        String masked = "'+46 70•••••" + phone.substring(phone.length() - 2);
        assertTrue(lines[1].contains(",'" + user + ",'" + user + " Test,'" + user + "@example.org," + masked + ",sms,success,valid,"
                + MfaServerConfig.NODE_NAME + ",127.0.0.1,"), "formula starts neutralised: " + lines[1]);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void coverageCountsUsersWithMethodsAndThoseTheCampaignWaitsFor() {
        String token = api.tokenWithRoles("view-events", "view-users");
        Map<String, Object> before = coverage(token);
        String pilotId = realm.admin().getGroupByPath("/pilot").getId();
        String waiting = DemoUsers.create(realm, DemoUsers.uniqueName("pilot-none"), List.of(), false);
        realm.admin().users().get(waiting).joinGroup(pilotId);
        String registered = DemoUsers.withPhones(realm, DemoUsers.uniqueName("pilot-phone"), true, DemoUsers.uniquePhone());
        realm.admin().users().get(registered).joinGroup(pilotId);

        Map<String, Object> after = coverage(token);
        // the admin user tokenWithRoles made above is in "before" already
        assertEquals(number(before, "users") + 2, number(after, "users"));
        assertEquals(number(before, "withMethod") + 1, number(after, "withMethod"));
        Map<String, Object> byBefore = (Map<String, Object>) before.get("byMethod");
        Map<String, Object> byAfter = (Map<String, Object>) after.get("byMethod");
        assertEquals(number(byBefore, "mfa-phone") + 1, number(byAfter, "mfa-phone"));
        assertEquals(number(byBefore, "otp") + 1, number(byAfter, "otp"));
        assertEquals(number(before, "campaignWaiting") + 1, number(after, "campaignWaiting"));
        assertEquals(List.of("/pilot"), after.get("campaignGroups"));
        assertNull(after.get("skipped"));
    }

    @Test
    public void withoutViewEventsBothAre403() {
        String plain = api.tokenWithRoles();
        assertEquals(403, get(plain, "sign-ins", Map.of()).statusCode());
        assertEquals(403, get(plain, "report", Map.of()).statusCode());
        String usersOnly = api.tokenWithRoles("view-users");
        assertEquals(403, get(usersOnly, "sign-ins", Map.of("format", "csv")).statusCode());
        assertEquals(403, get(usersOnly, "report", Map.of()).statusCode());
    }

    @Test
    public void operatorsReadTheCountersOnTheMetricsEndpoint() {
        Map<String, Double> before = metrics();
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("metrics");
        DemoUsers.withPhones(realm, user, false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));
        smsPage.enterCode(wrong(Outbox.lastCodeTo(phone)));
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());

        Map<String, Double> after = metrics();
        String failures = "mfa_suite_attempts_total{method=\"sms\",realm=\"demo\",result=\"failure\"}";
        String successes = "mfa_suite_attempts_total{method=\"sms\",realm=\"demo\",result=\"success\"}";
        String sent = "mfa_suite_messages_sent_total{channel=\"sms\",gateway=\"dev\",realm=\"demo\",result=\"sent\"}";
        assertEquals(before.getOrDefault(failures, 0.0) + 2, after.get(failures), after.toString());
        assertEquals(before.getOrDefault(successes, 0.0) + 1, after.get(successes));
        assertEquals(before.getOrDefault(sent, 0.0) + 1, after.get(sent));
    }

    /** The OAuth2 password grant as the demo's mail server sends it, from behind a TLS proxy. */
    private HttpResponse<String> mailServer(String username, String password) {
        String form = HttpCalls.form(Map.of("grant_type", "password", "client_id", "mail-server",
                "client_secret", "mail-server-demo-secret", "username", username, "password", password));
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https") // an outside address: the realm requires TLS for it
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** The suite's lines of the metrics endpoint (management port), by name and labels. */
    private Map<String, Double> metrics() {
        HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getMetric())).GET().build());
        assertEquals(200, response.statusCode(), "metrics on " + urls.getMetric());
        Map<String, Double> values = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^(mfa_suite_\\w+\\{[^}]*\\}) (\\S+)$").matcher(response.body());
        while (line.find()) {
            values.put(line.group(1).replace(",}", "}"), Double.parseDouble(line.group(2)));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> coverage(String token) {
        HttpResponse<String> response = get(token, "report", Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return (Map<String, Object>) AdminApi.json(response.body(), Map.class).get("coverage");
    }

    private static long number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static Map<String, Object> withDay(Map<String, Object> total) {
        Map<String, Object> copy = new HashMap<>(total);
        copy.put("day", copy.get("day") == null ? "-" : copy.get("day"));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(String token, Map<String, String> query) {
        HttpResponse<String> response = get(token, "sign-ins", query);
        assertEquals(200, response.statusCode(), response.body());
        return AdminApi.json(response.body(), List.class);
    }

    private HttpResponse<String> get(String token, String path, Map<String, String> query) {
        String q = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path + (q.isEmpty() ? "" : "?" + q));
        return HttpCalls.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
