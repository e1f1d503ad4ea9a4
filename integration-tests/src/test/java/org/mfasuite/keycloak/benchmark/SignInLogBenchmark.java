package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.server.KeycloakUrls;
import org.mfasuite.keycloak.it.MfaServerConfig;

/**
 * Case 9: the admin console's data with {@value #DEFAULT_EVENTS} stored events in the realm (H2 dev database): the
 * overview of 30 days, the sign-in log's first page, one user's 30 days, and a helpdesk reference, each against
 * Keycloak's own admin events query ({@code GET /admin/realms/demo/events?max=100}) in the same run. The events are
 * written straight into Keycloak's {@code EVENT_ENTITY} on the server ({@link EventSeed}), as Keycloak's JPA event
 * store writes them, spread over 30 days.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class SignInLogBenchmark {

    static final int DEFAULT_EVENTS = 100_000;
    private static final int EVENTS = Integer.getInteger("mfa.benchmark.events", DEFAULT_EVENTS);
    private static final int ROUNDS = Integer.getInteger("mfa.benchmark.log-rounds", 40);
    private static final int WARMUP = 5;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(fromJson = "/demo-realm.json")
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.benchmark")
    RunOnServerClient runOnServer;

    @Test
    void consoleQueriesOverAHundredThousandEvents() {
        String realmId = realm.getId();
        long now = System.currentTimeMillis();
        long seedStart = System.nanoTime();
        for (int from = 0; from < EVENTS; from += EventSeed.CHUNK) {
            runOnServer.run(EventSeed.insert(realmId, now, from, Math.min(EventSeed.CHUNK, EVENTS - from), EVENTS));
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        String base = urls.getBase() + "/admin/realms/demo/";
        String reference = EventSeed.reference(EVENTS - 1); // the oldest refusal: the whole realm is looked through
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("A: Keycloak's admin events query, newest 100", base + "events?max=100");
        cases.put("B: overview, 30 days", base + "mfa/overview?days=30");
        cases.put("C: sign-in log, first page (25)", base + "mfa/sign-ins?max=25");
        cases.put("D: sign-in log, one user, 30 days, first page", base + "mfa/sign-ins?max=25&user=" + EventSeed.BUSY_USER
                + "&from=" + (now - 30L * 86_400_000L));
        cases.put("E: sign-in log, helpdesk reference of today", base + "mfa/sign-ins?reference="
                + EventSeed.reference(17).toLowerCase());
        cases.put("E': sign-in log, helpdesk reference, the oldest", base + "mfa/sign-ins?reference=" + reference.toLowerCase());

        // what each answers is checked once: the numbers the seed implies. The first overview reads every day
        // (cold); later ones read today and the last 24 hours, the days that are over being kept per node.
        long coldStart = System.nanoTime();
        String overview = get(cases.get("B: overview, 30 days"));
        long cold = System.nanoTime() - coldStart;
        Map<String, Long> attempts = new java.util.TreeMap<>();
        for (Map<String, Object> total : totals(overview)) {
            attempts.put((String) total.get("method"), ((Number) total.get("attempts")).longValue());
        }
        assertEquals(Map.of("push", (long) EVENTS / 20, "sms", EventSeed.attempts(EVENTS) - EVENTS / 20), attempts,
                "the seed's second-factor attempts");
        assertTrue(get(cases.get("E': sign-in log, helpdesk reference, the oldest")).contains(reference));
        assertTrue(get(cases.get("E: sign-in log, helpdesk reference of today")).contains(EventSeed.reference(17)));
        assertTrue(get(cases.get("D: sign-in log, one user, 30 days, first page")).contains(EventSeed.BUSY_USER));

        Map<String, Samples> samples = new LinkedHashMap<>();
        cases.keySet().forEach(k -> samples.put(k, new Samples()));
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            for (Map.Entry<String, String> c : cases.entrySet()) {
                long start = System.nanoTime();
                get(c.getValue());
                long took = System.nanoTime() - start;
                if (round >= WARMUP) {
                    samples.get(c.getKey()).add(took);
                }
            }
        }
        long a95 = samples.values().iterator().next().percentile(95);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("B, cold: the first overview after seeding (every day read)", Samples.millis(cold),
                Samples.millis(cold), Samples.ratio((double) cold / a95) + " × A", "one request"));
        samples.forEach((name, s) -> rows.add(List.of(name, Samples.millis(s.percentile(50)), Samples.millis(s.percentile(95)),
                Samples.ratio((double) s.percentile(95) / a95) + " × A",
                name.startsWith("A") ? "" : s.percentile(95) <= 500_000_000L ? "p95 ≤ 500 ms: met" : "p95 ≤ 500 ms: not met")));
        BenchmarkReport.add(9, "Admin console data over " + EVENTS + " stored events (one server, H2 dev database)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, the demo "
                        + "realm, " + EVENTS + " events written into EVENT_ENTITY on the server in " + String.format(
                        java.util.Locale.ROOT, "%.1f", seedSeconds) + " s (LOGIN / LOGIN_ERROR second-factor attempts, "
                        + "message sends, refusals by policy, password-only sign-ins; 500 users and one busy user; "
                        + "29 days). Each request is timed from sending to the whole answer, as the realm's server "
                        + "admin; " + ROUNDS + " rounds after " + WARMUP + ", the cases interleaved. Target: p95 ≤ 500 ms "
                        + "for the overview and the log's first page.",
                List.of("request", "p50 ms", "p95 ms", "p95 vs A", "target"), rows);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> totals(String overview) {
        try {
            return (List<Map<String, Object>>) org.keycloak.util.JsonSerialization.readValue(overview, Map.class)
                    .get("totals");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url + ": " + response.body());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
