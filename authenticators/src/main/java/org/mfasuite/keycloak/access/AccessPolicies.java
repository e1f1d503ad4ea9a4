package org.mfasuite.keycloak.access;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.mfasuite.keycloak.core.Grant;

/** Evaluates a realm's policies for one sign-in: plain code, no Keycloak session. */
public final class AccessPolicies {

    private AccessPolicies() {
    }

    /** Every policy's evaluation and their combined decision; see {@link AccessDecision} for how they combine. */
    public static AccessDecision evaluate(List<AccessPolicy> policies, SignInFacts facts) {
        List<PolicyEvaluation> evaluations = new ArrayList<>(policies.size());
        List<String> applying = new ArrayList<>();
        TreeMap<String, Grant> reportOnly = new TreeMap<>();
        Grant grant = Grant.NONE;
        int frequency = 0;
        int remember = Integer.MAX_VALUE;
        boolean passwordChange = false;
        boolean riskDriven = false;
        for (AccessPolicy policy : policies) {
            PolicyEvaluation evaluation = PolicyEvaluation.of(policy, facts);
            evaluations.add(evaluation);
            if (evaluation.reportsOnly()) {
                reportOnly.merge(policy.name(), evaluation.demand(), Grant::and);
            }
            if (!evaluation.enforces()) {
                continue;
            }
            applying.add(policy.name());
            grant = grant.and(evaluation.demand().factor());
            passwordChange |= evaluation.demand() == Grant.PASSWORD_CHANGE;
            if (evaluation.demand().needsSecondFactor()) {
                riskDriven |= policy.conditions().namesRisk();
                int hours = policy.signInFrequencyHours();
                frequency = hours > 0 && (frequency == 0 || hours < frequency) ? hours : frequency;
                remember = Math.min(remember, policy.rememberDeviceDays());
            }
        }
        applying.sort(null);
        // a password change needs a second factor given in this sign-in, never a remembered device
        return new AccessDecision(grant, applying, reportOnly, frequency,
                remember == Integer.MAX_VALUE || passwordChange ? 0 : remember, evaluations, passwordChange, riskDriven);
    }
}
