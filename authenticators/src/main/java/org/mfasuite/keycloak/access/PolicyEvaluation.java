package org.mfasuite.keycloak.access;

import java.util.List;

import org.mfasuite.keycloak.core.Grant;

/**
 * How one policy judged one sign-in: what the what-if answer lists per policy.
 *
 * @param policy   the policy's name
 * @param state    on, report-only or off
 * @param applies  whether the policy covers the sign-in (for report-only: would cover it)
 * @param unmet    the first condition the sign-in did not meet; null when the policy applies
 * @param demand   what the policy demands of the sign-ins it covers (block when it has problems)
 * @param problems what is wrong with the policy's config; the reason a broken policy blocks
 */
public record PolicyEvaluation(String policy, AccessPolicy.State state, boolean applies, Condition unmet,
                               Grant demand, List<String> problems) {

    public static PolicyEvaluation of(AccessPolicy policy, SignInFacts facts) {
        Condition unmet = policy.state() == AccessPolicy.State.OFF
                ? Condition.STATE_OFF : policy.conditions().firstUnmet(facts);
        return new PolicyEvaluation(policy.name(), policy.state(), unmet == null, unmet, policy.demand(),
                policy.problems());
    }

    /** Whether it applies and its demand is enforced (not report-only). */
    public boolean enforces() {
        return applies && state == AccessPolicy.State.ON;
    }

    /** Whether it applies in report-only mode: recorded, never enforced. */
    public boolean reportsOnly() {
        return applies && state == AccessPolicy.State.REPORT_ONLY;
    }
}
