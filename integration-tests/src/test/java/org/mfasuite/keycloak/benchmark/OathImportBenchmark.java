package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Case 7: importing 10,000 hardware tokens through {@code POST /admin/realms/demo/mfa/oath-tokens}, one request
 * each, one server: (A) Keycloak's own partial import of 10,000 users (no credentials) for scale, (B) 10,000 CSV
 * rows assigned to those users (each becomes an OTP credential), (C) 10,000 CSV rows into the pool. Each time is
 * the whole request, parse to commit.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class OathImportBenchmark {

    private static final int ROWS = Integer.getInteger("mfa.benchmark.oath-rows", 10_000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";

    @InjectRealm(fromJson = "/demo-realm.json")
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void tenThousandTokens() {
        String run = Long.toString(System.nanoTime(), 36);
        StringBuilder users = new StringBuilder("{\"ifResourceExists\":\"SKIP\",\"users\":[");
        StringBuilder assigned = new StringBuilder(HEADER);
        StringBuilder pooled = new StringBuilder(HEADER);
        for (int i = 0; i < ROWS; i++) {
            String name = "oath-bench-" + run + "-" + i;
            users.append(i == 0 ? "" : ",").append("{\"username\":\"").append(name).append("\",\"enabled\":true,")
                    .append("\"email\":\"").append(name).append("@example.org\"}");
            assigned.append(name).append(",A").append(run).append('-').append(i).append(',').append(secret(i))
                    .append(",30,Contoso,HardwareKey\n");
            pooled.append(",P").append(run).append('-').append(i).append(',').append(secret(i + ROWS))
                    .append(",60,Contoso,HardwareKey\n");
        }
        users.append("]}");

        long a = post("/admin/realms/demo/partialImport", "application/json", users.toString());
        long b = post("/admin/realms/demo/mfa/oath-tokens", "text/csv", assigned.toString());
        long c = post("/admin/realms/demo/mfa/oath-tokens", "text/csv", pooled.toString());

        List<List<String>> rows = new ArrayList<>();
        rows.add(row("A: Keycloak partial import, users (no credentials)", a, "1.000"));
        rows.add(row("B: tokens assigned to those users (OTP credentials)", b, Samples.ratio((double) b / a) + " × A"));
        rows.add(row("C: tokens into the pool", c, Samples.ratio((double) c / a) + " × A"));
        BenchmarkReport.add(7, "Hardware OATH token import, " + ROWS + " rows (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, the "
                        + "demo realm (H2 dev database). Each line is one admin REST request of " + ROWS + " rows, "
                        + "timed from sending to the answer (parse, duplicate and user checks, writes, commit). Target: "
                        + "well under 60 s per " + ROWS + " tokens (" + (Math.max(b, c) < 60_000_000_000L ? "met" : "not met")
                        + ").",
                List.of("request", "rows", "seconds", "rows/s", "time"), rows);
    }

    private static List<String> row(String what, long nanos, String relative) {
        return List.of(what, Integer.toString(ROWS), String.format(Locale.ROOT, "%.1f", nanos / 1e9),
                String.format(Locale.ROOT, "%.0f", ROWS / (nanos / 1e9)), relative);
    }

    /** 20 distinct bytes per row, base32 (32 characters): the size of an Entra ID token secret. */
    private static String secret(int i) {
        byte[] bytes = String.format(Locale.ROOT, "%020d", i).getBytes(StandardCharsets.US_ASCII);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    /** Sends one request as the server admin and returns how long it took; it must succeed. */
    private long post(String path, String type, String body) {
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
        return elapsed;
    }
}
