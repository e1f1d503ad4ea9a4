package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.mfasuite.keycloak.geo.MaxMindPlaceLocator;
import org.mfasuite.keycloak.geo.Place;
import org.mfasuite.keycloak.it.MfaServerConfig;

/**
 * Case 12: full browser sign-ins on one server with a country database (MfaServerConfig: the demo's generated
 * City database, read by the {@code maxmind} provider), through two flows of one realm: (A) username and
 * password only; (B) the same plus a {@code countries} policy (block NL and US) and the gate, so every B sign-in
 * places its address. The sign-ins come from SE and DE addresses (IPv4 and IPv6 alternately), which the policy does
 * not name: both are password only. A and B alternate (ABBA) after a warm-up.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class CountrySignInBenchmark {

    private static final int WARM_UP = Integer.getInteger("mfa.benchmark.warmup", 40);
    private static final int SIGN_INS = Integer.getInteger("mfa.benchmark.signins", 200);
    private static final int LOOK_UPS = Integer.getInteger("mfa.benchmark.evaluations", 200_000);
    private static final double TARGET = 0.95;
    private static final String SWEDEN = "192.0.2.7";
    private static final String GERMANY = "2001:db8::7";
    private static final String NETHERLANDS = "203.0.113.7";

    @InjectRealm(config = BenchRealm.class)
    ManagedRealm realm;

    @Test
    void browserSignInsWithACountryPolicy() {
        Samples lookUps = lookUps();
        BenchFlows.bind(realm, BrowserSignInBenchmark.PLAIN_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password", Map.of()));
        BenchFlows.bind(realm, BrowserSignInBenchmark.POLICIES_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password and countries",
                Map.of("block NL and US", Map.of("state", "on", "grant", "block", "countries", "NL##US"))));
        BrowserSignIn plain = new BrowserSignIn(realm.getBaseUrl(), BrowserSignInBenchmark.PLAIN_CLIENT,
                BenchRealm.REDIRECT_URI);
        BrowserSignIn countries = new BrowserSignIn(realm.getBaseUrl(), BrowserSignInBenchmark.POLICIES_CLIENT,
                BenchRealm.REDIRECT_URI);

        // The policy is live: from an NL address B refuses, A does not.
        assertTrue(plain.signIn("bench-1", BenchRealm.PASSWORD, NETHERLANDS).signedIn(), "A from NL");
        BrowserSignIn.Outcome refused = countries.signIn("bench-1", BenchRealm.PASSWORD, NETHERLANDS);
        assertFalse(refused.signedIn(), "B blocks NL");
        assertEquals(403, refused.status(), refused.page());

        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 0; i < WARM_UP + SIGN_INS; i++) {
            boolean measured = i >= WARM_UP;
            String user = "bench-" + (i % BenchRealm.USERS + 1);
            String address = i % 2 == 0 ? SWEDEN : GERMANY;
            if (i % 2 == 0) {
                plain.timed(user, address, measured ? a : null);
                countries.timed(user, address, measured ? b : null);
            } else {
                countries.timed(user, address, measured ? b : null);
                plain.timed(user, address, measured ? a : null);
            }
        }

        double medianRatio = (double) a.percentile(50) / b.percentile(50);
        double throughputRatio = (double) a.total() / b.total();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("look-up: the maxmind provider places an address (no server)", String.valueOf(lookUps.count()),
                Samples.micros(lookUps.percentile(50)) + " µs (median)",
                Samples.micros(lookUps.percentile(99)) + " µs (p99)", "", ""));
        rows.add(BenchFlows.row("A: username + password", a, Samples.ratio(1)));
        rows.add(BenchFlows.row("B: A + countries policy + gate", b, Samples.ratio(medianRatio) + " (median), "
                + Samples.ratio(throughputRatio) + " (throughput); target ≥ " + TARGET + ": "
                + (medianRatio >= TARGET ? "met" : "not met")));
        BenchmarkReport.add(12, "Browser sign-in with a countries policy and a country database vs without (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar and "
                        + "--spi-mfa-geo--maxmind--database (a generated City database, memory-mapped), both flows in "
                        + "one realm. One sign-in = GET the authorization endpoint, POST username and password, "
                        + "exchange the code for tokens; fresh cookies each time, one at a time, from an SE (IPv4) and "
                        + "a DE (IPv6) address alternately. " + SIGN_INS + " of each after " + WARM_UP + " of each to "
                        + "warm up, A and B interleaved. Speed of B vs A = A's median / B's median (and total A time / "
                        + "total B time).",
                List.of("flow", "sign-ins", "median ms", "p95 ms", "sign-ins/s", "speed vs A"), rows);
    }

    /** The provider alone on the same database: IPv4 and IPv6, placed and unplaced addresses, after a warm-up. */
    private static Samples lookUps() {
        MaxMindPlaceLocator locator = new MaxMindPlaceLocator(MfaServerConfig.GEO_DATABASE, MfaServerConfig.ANONYMOUS_NETWORKS,
                () -> System.nanoTime() / 1_000_000);
        String[] addresses = {SWEDEN, GERMANY, NETHERLANDS, "198.51.100.7", "8.8.8.8", "2001:db9::1"};
        int known = 0;
        Samples samples = new Samples();
        for (int i = 0; i < LOOK_UPS + LOOK_UPS / 4; i++) {
            long start = System.nanoTime();
            Place place = locator.locate(addresses[i % addresses.length]);
            long elapsed = System.nanoTime() - start;
            known += place.country() == null ? 0 : 1;
            if (i >= LOOK_UPS / 4) {
                samples.add(elapsed);
            }
        }
        assertEquals((LOOK_UPS + LOOK_UPS / 4) * 4 / 6, known, 4.0, "four of the six addresses are placed");
        return samples;
    }
}
