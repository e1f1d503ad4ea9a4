package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.mfasuite.keycloak.it.MfaServerConfig;

/**
 * Case 11: importing 100,000 users' phones through {@code POST /admin/realms/demo/mfa/imports/phones}, one request,
 * one server, the H2 dev database: (A) seeding the users with Keycloak's partial import (no passwords, no
 * credentials) in batches of {@value #SEED_BATCH} — each batch its own transaction, so Hibernate's per-query
 * dirty check stays small; (B) the import of {@code username,phone} rows (each becomes an {@code mfa-phone}
 * credential); (C) the same file again (idempotent: every line "already-there", nothing written).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class PhoneImportBenchmark {

    private static final int ROWS = Integer.getInteger("mfa.benchmark.phone-rows", 100_000);
    private static final int SEED_BATCH = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(fromJson = "/demo-realm.json")
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void hundredThousandPhones() {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        StringBuilder csv = new StringBuilder(ROWS * 40).append("username,phone\n");
        long seeding = 0;
        for (int first = 0; first < ROWS; first += SEED_BATCH) {
            StringBuilder users = new StringBuilder("{\"ifResourceExists\":\"SKIP\",\"users\":[");
            for (int i = first; i < Math.min(ROWS, first + SEED_BATCH); i++) {
                String name = "phone-bench-" + run + "-" + i;
                users.append(i == first ? "" : ",").append("{\"username\":\"").append(name)
                        .append("\",\"enabled\":true}");
                // 070 and 7 digits: 100,000 distinct Swedish mobiles, written as Swedes write them (default region SE)
                csv.append(name).append(",070-").append(String.format(Locale.ROOT, "%07d", i)).append('\n');
            }
            users.append("]}");
            seeding += post("/admin/realms/demo/partialImport", "application/json", users.toString()).nanos;
        }

        Timed b = post("/admin/realms/demo/mfa/imports/phones", "text/csv", csv.toString());
        assertTrue(b.body.contains("\"added\":" + ROWS + ","), b.body.substring(0, 300));
        Timed c = post("/admin/realms/demo/mfa/imports/phones", "text/csv", csv.toString());
        assertTrue(c.body.contains("\"alreadyThere\":" + ROWS + ","), c.body.substring(0, 300));

        List<List<String>> rows = new ArrayList<>();
        rows.add(row("A: Keycloak partial import, users (batches of " + SEED_BATCH + ")", seeding, "1.000"));
        rows.add(row("B: phones imported (mfa-phone credentials)", b.nanos, Samples.ratio((double) b.nanos / seeding) + " × A"));
        rows.add(row("C: the same file again (all already there)", c.nanos, Samples.ratio((double) c.nanos / seeding) + " × A"));
        BenchmarkReport.add(11, "Phone import, " + ROWS + " rows (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, the "
                        + "demo realm (H2 dev database). B and C are one admin REST request of " + ROWS + " rows each, "
                        + "timed from sending to the answer (parse, batched user and credential lookups, the realm's "
                        + "phone rules, writes, commit, the JSON report). Target: B ≤ 60 s ("
                        + (b.nanos <= 60_000_000_000L ? "met" : "not met") + ").",
                List.of("request", "rows", "seconds", "rows/s", "time"), rows);
    }

    private static List<String> row(String what, long nanos, String relative) {
        return List.of(what, Integer.toString(ROWS), String.format(Locale.ROOT, "%.1f", nanos / 1e9),
                String.format(Locale.ROOT, "%.0f", ROWS / (nanos / 1e9)), relative);
    }

    private record Timed(long nanos, String body) {
    }

    /** Sends one request as the server admin and times it; it must succeed. */
    private Timed post(String path, String type, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + path))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long elapsed = System.nanoTime() - start;
        assertEquals(200, response.statusCode(), path + ": " + response.body().substring(0, Math.min(500, response.body().length())));
        return new Timed(elapsed, response.body());
    }
}
