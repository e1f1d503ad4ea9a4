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
import org.mfasuite.keycloak.it.MfaServerConfig;

/**
 * Case 2: full browser sign-ins on one server in one run, through two flows of the same realm: (A) username and
 * password only; (B) the same plus 200 {@code mfa-access-policy} steps and the {@code mfa-access-gate}. The
 * signing-in staff member is covered only by allow and report-only policies, so both sign-ins are password
 * only. A and B alternate (ABBA) after a warm-up, so drift on the shared machine hits both alike.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class BrowserSignInBenchmark {

    static final String PLAIN_CLIENT = "bench-plain";
    static final String POLICIES_CLIENT = "bench-policies";
    private static final int WARM_UP = Integer.getInteger("mfa.benchmark.warmup", 40);
    private static final int SIGN_INS = Integer.getInteger("mfa.benchmark.signins", 200);
    private static final double TARGET = 0.95;

    @InjectRealm(config = BenchRealm.class)
    ManagedRealm realm;

    @Test
    void browserSignIns() {
        BenchFlows.bind(realm, PLAIN_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password", Map.of()));
        BenchFlows.bind(realm, POLICIES_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password and policies",
                PolicyMix.configs(PolicyEvaluationBenchmark.POLICIES)));
        BrowserSignIn plain = new BrowserSignIn(realm.getBaseUrl(), PLAIN_CLIENT, BenchRealm.REDIRECT_URI);
        BrowserSignIn policies = new BrowserSignIn(realm.getBaseUrl(), POLICIES_CLIENT, BenchRealm.REDIRECT_URI);

        // The policies are live: from home, "mfa outside the office" applies, and the user has no second factor.
        BrowserSignIn.Outcome home = plain.signIn("bench-1", BenchRealm.PASSWORD, PolicyMix.HOME);
        assertTrue(home.signedIn(), () -> "without policies, status " + home.status() + ":\n" + home.page());
        BrowserSignIn.Outcome refused = policies.signIn("bench-1", BenchRealm.PASSWORD, PolicyMix.HOME);
        assertFalse(refused.signedIn(), "from home the policies require a second factor");
        assertEquals(403, refused.status(), refused.page());
        assertTrue(refused.page().contains("id=\"mfa-access-denied\"") && refused.page().contains("mfa-support-reference"),
                refused.page());

        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 0; i < WARM_UP + SIGN_INS; i++) {
            boolean measured = i >= WARM_UP;
            String user = "bench-" + (i % BenchRealm.USERS + 1);
            String address = i % 2 == 0 ? PolicyMix.OFFICE_V4 : PolicyMix.OFFICE_V6;
            if (i % 2 == 0) {
                plain.timed(user, address, measured ? a : null);
                policies.timed(user, address, measured ? b : null);
            } else {
                policies.timed(user, address, measured ? b : null);
                plain.timed(user, address, measured ? a : null);
            }
        }

        double medianRatio = (double) a.percentile(50) / b.percentile(50);
        double throughputRatio = (double) a.total() / b.total();
        List<List<String>> rows = new ArrayList<>();
        rows.add(BenchFlows.row("A: username + password", a, Samples.ratio(1)));
        rows.add(BenchFlows.row("B: A + 200 policies + gate", b, Samples.ratio(medianRatio) + " (median), "
                + Samples.ratio(throughputRatio) + " (throughput)"));
        BenchmarkReport.add(2, "Browser sign-in, 200 policies vs none (one server)",
                "Keycloak " + System.getProperty("keycloak.version", "")
                        + " distribution with the drop-in jar, both flows in one realm. One sign-in = GET the "
                        + "authorization endpoint, POST username and password, exchange the code for tokens; fresh "
                        + "cookies each time, one at a time, from office addresses (IPv4 and IPv6 alternately). "
                        + SIGN_INS + " of each after " + WARM_UP + " of each to warm up, A and B interleaved. "
                        + "Speed of B vs A = A's median / B's median (and total A time / total B time); target "
                        + "≥ " + TARGET + ": " + (medianRatio >= TARGET ? "met" : "not met") + ". Argon2 password "
                        + "hashing dominates both.",
                List.of("flow", "sign-ins", "median ms", "p95 ms", "sign-ins/s", "speed vs A"), rows);
    }

}
