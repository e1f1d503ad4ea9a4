package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.access.AccessDecision;
import org.mfasuite.keycloak.access.AccessPolicies;
import org.mfasuite.keycloak.access.AccessPolicy;

/**
 * Case 1: the plain-code cost of conditional access in one sign-in with 200 policies, no server: parsing the
 * policies' configs (a sign-in reads them from the flow each time) and evaluating them. The sign-ins rotate
 * through {@link PolicyMix#signIns()}, which between them reach every decision.
 */
class PolicyEvaluationBenchmark {

    static final int POLICIES = 200;
    private static final int EVALUATIONS = Integer.getInteger("mfa.benchmark.evaluations", 200_000);
    private static final int PARSES = Integer.getInteger("mfa.benchmark.parses", 5_000);
    private static final long TARGET_P99_NANOS = 50_000;

    /** Keeps the JIT from dropping work whose result is unused. */
    private long sink;

    @Test
    void policyEvaluation() {
        Map<String, Map<String, String>> configs = PolicyMix.configs(POLICIES);
        List<AccessPolicy> policies = PolicyMix.parse(configs);
        policies.forEach(p -> assertEquals(List.of(), p.problems(), p.name()));
        List<PolicyMix.SignIn> signIns = PolicyMix.signIns();
        for (PolicyMix.SignIn signIn : signIns) {
            assertEquals(signIn.expected(), AccessPolicies.evaluate(policies, signIn.facts()).grant(), signIn.label());
        }

        evaluate(policies, signIns, EVALUATIONS / 4);
        Samples evaluation = evaluate(policies, signIns, EVALUATIONS);
        parse(configs, PARSES / 4);
        Samples parsing = parse(configs, PARSES);
        Samples both = parseAndEvaluate(configs, signIns, PARSES);

        long p99 = evaluation.percentile(99);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("parse 200 configs (`AccessPolicy.from`)", parsing, ""));
        rows.add(row("evaluate 200 policies (`AccessPolicies.evaluate`)", evaluation,
                "p99 ≤ 50 µs: " + (p99 <= TARGET_P99_NANOS ? "met" : "not met")));
        rows.add(row("parse + evaluate (one sign-in)", both, ""));
        BenchmarkReport.add(1, "Policy evaluation, 200 policies (no server)",
                "Plain code, one thread, after warm-up. The 200 policies mix users, groups, roles and clients "
                        + "(include and exclude), IPv4 and IPv6 networks, client types, report-only and off policies; "
                        + "the sign-ins rotate through " + signIns.size() + " kinds (office, home, branch network, "
                        + "admin on IPv6, legacy direct grant) that reach allow, mfa, phishing-resistant and block.",
                List.of("operation", "runs", "p50 µs", "p99 µs", "target"), rows);
        System.out.println("(sink " + sink + ")");
    }

    private Samples evaluate(List<AccessPolicy> policies, List<PolicyMix.SignIn> signIns, int runs) {
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            PolicyMix.SignIn signIn = signIns.get(i % signIns.size());
            long start = System.nanoTime();
            AccessDecision decision = AccessPolicies.evaluate(policies, signIn.facts());
            samples.add(System.nanoTime() - start);
            sink += decision.grant().ordinal() + decision.evaluations().size();
        }
        return samples;
    }

    private Samples parse(Map<String, Map<String, String>> configs, int runs) {
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<AccessPolicy> policies = PolicyMix.parse(configs);
            samples.add(System.nanoTime() - start);
            sink += policies.get(i % policies.size()).signInFrequencyHours();
        }
        return samples;
    }

    private Samples parseAndEvaluate(Map<String, Map<String, String>> configs, List<PolicyMix.SignIn> signIns,
                                     int runs) {
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            AccessDecision decision = AccessPolicies.evaluate(PolicyMix.parse(configs),
                    signIns.get(i % signIns.size()).facts());
            samples.add(System.nanoTime() - start);
            sink += decision.grant().ordinal();
        }
        return samples;
    }

    private static List<String> row(String operation, Samples samples, String target) {
        return List.of(operation, String.valueOf(samples.count()), Samples.micros(samples.percentile(50)),
                Samples.micros(samples.percentile(99)), target);
    }
}
