package org.mfasuite.keycloak.benchmark;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;


import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.mfasuite.keycloak.it.MfaServerConfig;
import org.mfasuite.keycloak.risk.HistorySignals;
import org.mfasuite.keycloak.risk.PastSignIn;
import org.mfasuite.keycloak.risk.RiskAssessment;
import org.mfasuite.keycloak.risk.RiskRules;
import org.mfasuite.keycloak.risk.RiskSettings;
import org.mfasuite.keycloak.risk.RiskSignal;
import org.mfasuite.keycloak.risk.SignInHistory;

/**
 * Case 13: sign-in risk. (1) The evaluation itself, beside its look-ups, no server: the signals from a full history
 * ({@link SignInHistory#MAX_ROWS} rows) and the level by {@link RiskRules}. (2) Full browser sign-ins on one server:
 * (A) username and password only; (B) the same plus one {@code sign-in-risk=high} policy and the gate, so every sign-in
 * is assessed (history read, place, spray and fatigue counters) and recorded. Fresh cookies each time, so B's sign-ins
 * are unfamiliar devices (low), below the policy's level: both are password only. A and B alternate (ABBA).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
class SignInRiskBenchmark {

    private static final int WARM_UP = Integer.getInteger("mfa.benchmark.warmup", 40);
    private static final int SIGN_INS = Integer.getInteger("mfa.benchmark.signins", 200);
    private static final int EVALUATIONS = Integer.getInteger("mfa.benchmark.evaluations", 200_000);
    private static final double TARGET = 0.95;
    private static final long TARGET_P99_NANOS = 100_000;

    @InjectRealm(config = BenchRealm.class)
    ManagedRealm realm;

    private long sink;

    @Test
    void signInRisk() {
        List<PastSignIn> history = new ArrayList<>();
        for (int i = 0; i < SignInHistory.MAX_ROWS; i++) {
            history.add(new PastSignIn(1_800_000_000L - i * 3600L, "d" + (i % 7), i % 3 == 0 ? "SE" : "NL",
                    59.3 + i * 0.01, 18.0));
        }
        List<PastSignIn> now = List.of(new PastSignIn(1_800_003_600L, "d3", "SE", 59.3, 18.0),
                new PastSignIn(1_800_003_600L, "new", "AU", -33.9, 151.2),
                new PastSignIn(1_800_003_600L, null, "10.1.0.0/16", null, null));
        evaluate(history, now, EVALUATIONS / 4);
        Samples evaluation = evaluate(history, now, EVALUATIONS);
        long p99 = evaluation.percentile(99);

        BenchFlows.bind(realm, BrowserSignInBenchmark.PLAIN_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password", Map.of()));
        BenchFlows.bind(realm, BrowserSignInBenchmark.POLICIES_CLIENT, BenchFlows.passwordAndPolicies(realm, "bench password and risk policy",
                Map.of("high risk needs mfa", Map.of("state", "on", "grant", "mfa", "sign-in-risk", "high"))));
        BrowserSignIn plain = new BrowserSignIn(realm.getBaseUrl(), BrowserSignInBenchmark.PLAIN_CLIENT, BenchRealm.REDIRECT_URI);
        BrowserSignIn risk = new BrowserSignIn(realm.getBaseUrl(), BrowserSignInBenchmark.POLICIES_CLIENT, BenchRealm.REDIRECT_URI);
        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 0; i < WARM_UP + SIGN_INS; i++) {
            boolean measured = i >= WARM_UP;
            String user = "bench-" + (i % BenchRealm.USERS + 1);
            String address = i % 2 == 0 ? PolicyMix.OFFICE_V4 : PolicyMix.OFFICE_V6;
            if (i % 2 == 0) {
                plain.timed(user, address, measured ? a : null);
                risk.timed(user, address, measured ? b : null);
            } else {
                risk.timed(user, address, measured ? b : null);
                plain.timed(user, address, measured ? a : null);
            }
        }
        double medianRatio = (double) a.percentile(50) / b.percentile(50);
        double throughputRatio = (double) a.total() / b.total();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("evaluation: signals from " + SignInHistory.MAX_ROWS + " kept sign-ins + level (no server)",
                String.valueOf(evaluation.count()), Samples.micros(evaluation.percentile(50)) + " µs (median)",
                Samples.micros(p99) + " µs (p99)", "", "p99 ≤ 100 µs: " + (p99 <= TARGET_P99_NANOS ? "met" : "not met")));
        rows.add(BenchFlows.row("A: username + password", a, Samples.ratio(1)));
        rows.add(BenchFlows.row("B: A + sign-in-risk policy + gate", b, Samples.ratio(medianRatio) + " (median), "
                + Samples.ratio(throughputRatio) + " (throughput); target ≥ " + TARGET + ": "
                + (medianRatio >= TARGET ? "met" : "not met")));
        BenchmarkReport.add(13, "Sign-in risk: the evaluation, and browser sign-in with a risk policy vs without",
                "Row 1: plain code, one thread, after warm-up, rotating a familiar, a far-away (impossible travel) and a "
                        + "direct-grant sign-in against a full history. Rows 2-3: Keycloak "
                        + System.getProperty("keycloak.version", "") + " distribution with the drop-in jar, no country "
                        + "database (the location is the /16 or /48). One sign-in = GET the authorization endpoint, POST "
                        + "username and password, exchange the code; fresh cookies each time, one at a time. " + SIGN_INS
                        + " of each after " + WARM_UP + " to warm up, A and B interleaved. Both flows record the sign-in "
                        + "in the history (the listener runs in every realm); B also assesses it.",
                List.of("flow", "sign-ins", "median ms", "p95 ms", "sign-ins/s", "speed vs A"), rows);
        System.out.println("(sink " + sink + ")");
    }

    private Samples evaluate(List<PastSignIn> history, List<PastSignIn> now, int runs) {
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            PastSignIn signIn = now.get(i % now.size());
            long start = System.nanoTime();
            Set<RiskSignal> signals = HistorySignals.of(history, signIn, 10);
            RiskAssessment assessment = RiskRules.evaluate(signals, RiskSettings.DEFAULTS);
            samples.add(System.nanoTime() - start);
            sink += assessment.level().ordinal() + assessment.signals().size();
        }
        return samples;
    }
}
