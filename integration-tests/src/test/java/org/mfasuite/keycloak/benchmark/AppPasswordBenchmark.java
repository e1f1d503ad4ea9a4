package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.mfasuite.keycloak.it.AppPasswordPage;
import org.mfasuite.keycloak.it.DemoUsers;
import org.mfasuite.keycloak.it.MfaServerConfig;

/**
 * Case 3: direct grants of the demo's {@code mail-server} client through the demo's direct-grant flow (username,
 * the {@code mfa-app-password} step, the four policy steps, the gate), one server, one run: (A) with the real
 * password (Argon2), (B) with an app password of a user who has one, (C) with an app password of a user who has 40
 * (the newest). The app passwords are made as users make them, through the set-up action. A, B and C rotate after a
 * warm-up. Each grant is the whole token request: client authentication, flow, user session, tokens.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class AppPasswordBenchmark {

    private static final int WARM_UP = Integer.getInteger("mfa.benchmark.warmup", 40);
    private static final int GRANTS = Integer.getInteger("mfa.benchmark.signins", 200);
    private static final int MANY = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(fromJson = "/demo-realm.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    AppPasswordPage appPasswordPage;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void appPasswordVsPasswordAndOneVsForty() {
        String one = DemoUsers.uniqueName("bench-one");
        DemoUsers.create(realm, one, List.of(), false);
        String oneAppPassword = create(one, 1);
        String forty = DemoUsers.uniqueName("bench-forty");
        DemoUsers.create(realm, forty, List.of(), false);
        String newestOfForty = create(forty, MANY);

        Samples a = new Samples();
        Samples b = new Samples();
        Samples c = new Samples();
        for (int i = 0; i < WARM_UP + GRANTS; i++) {
            boolean measured = i >= WARM_UP;
            if (i % 2 == 0) {
                time(one, DemoUsers.PASSWORD, measured ? a : null);
                time(one, oneAppPassword, measured ? b : null);
                time(forty, newestOfForty, measured ? c : null);
            } else {
                time(forty, newestOfForty, measured ? c : null);
                time(one, oneAppPassword, measured ? b : null);
                time(one, DemoUsers.PASSWORD, measured ? a : null);
            }
        }
        double fasterThanPassword = (double) a.percentile(50) / b.percentile(50);
        double fortyVsOne = (double) b.percentile(50) / c.percentile(50);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("A: real password", a, "1.000"));
        rows.add(row("B: app password, 1 per user", b, Samples.ratio(fasterThanPassword) + " × A"));
        rows.add(row("C: app password, 40 per user", c, Samples.ratio((double) a.percentile(50) / c.percentile(50))
                + " × A; " + Samples.ratio(fortyVsOne) + " × B"));
        BenchmarkReport.add(3, "Direct grant: app password vs real password, 1 vs 40 app passwords (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, the "
                        + "demo realm as shipped. One grant = POST grant_type=password to the token endpoint as the "
                        + "confidential client mail-server (X-Forwarded-For from outside the office, no policy applies), "
                        + "through username, mfa-app-password, four policy steps and the gate, to tokens. " + GRANTS
                        + " of each after " + WARM_UP + " of each, A/B/C rotated. Speed = median vs median. Targets: "
                        + "B ≥ 5 × A (" + (fasterThanPassword >= 5 ? "met" : "not met") + "), C ≥ 0.9 × B ("
                        + (fortyVsOne >= 0.9 ? "met" : "not met") + ").",
                List.of("grant", "grants", "median ms", "p95 ms", "grants/s", "speed"), rows);
    }

    /** Makes {@code count} app passwords for the user through the set-up action; returns the last one. */
    private String create(String user, int count) {
        String last = null;
        for (int i = 1; i <= count; i++) {
            realm.admin().logoutAll();
            driver.driver().manage().deleteAllCookies();
            oauth.loginForm().kcAction("mfa-app-password-create").open();
            loginPage.fillLogin(user, DemoUsers.PASSWORD);
            loginPage.submit();
            appPasswordPage.create("device " + i, null, null);
            last = appPasswordPage.shownPassword();
            appPasswordPage.done();
        }
        return last;
    }

    private void time(String user, String password, Samples samples) {
        long start = System.nanoTime();
        HttpResponse<String> response = grant(user, password);
        long elapsed = System.nanoTime() - start;
        assertEquals(200, response.statusCode(), response.body());
        if (samples != null) {
            samples.add(elapsed);
        }
    }

    private HttpResponse<String> grant(String username, String password) {
        String body = Map.of("grant_type", "password", "client_id", "mail-server", "client_secret",
                        "mail-server-demo-secret", "username", username, "password", password).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((x, y) -> x + "&" + y).orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> row(String grant, Samples samples, String speed) {
        double perSecond = samples.count() * 1e9 / samples.total();
        return List.of(grant, String.valueOf(samples.count()), Samples.millis(samples.percentile(50)),
                Samples.millis(samples.percentile(95)), String.format(Locale.ROOT, "%.1f", perSecond), speed);
    }
}
