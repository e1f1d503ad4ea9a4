package org.mfasuite.keycloak.access;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SignInDecision;

/**
 * What all policies together demand of one sign-in, combined as Entra ID does: every applying policy counts and
 * their order does not; {@code block} wins; otherwise the strongest requirement wins (phishing-resistant over
 * mfa); {@code allow} only when no applying policy requires more; {@code none} when no policy applies. A
 * {@code password-change} policy counts as {@code mfa} and adds {@link #passwordChange}: with a phishing-resistant
 * policy the sign-in needs a phishing-resistant factor and then a new password.
 * Report-only policies are listed with what they would have demanded and never change the decision.
 *
 * @param grant                the combined demand
 * @param policies             names of the enforcing policies that apply, sorted
 * @param reportOnly           report-only policies that apply, by name, with what each would have demanded
 * @param signInFrequencyHours the smallest sign-in frequency of the applying enforcing policies that require
 *                             a second factor; 0: no limit
 * @param rememberDeviceDays   the smallest remember-device setting of those same policies (one that does not
 *                             allow remembering, 0, means none may); 0 also when none requires a second factor
 * @param evaluations          each policy's evaluation, in the order given
 * @param passwordChange       an applying enforcing policy demands {@code password-change}: after the second factor
 *                             ({@link #grant} is at least mfa) the user sets a new password
 * @param riskDriven           an applying enforcing policy with a risk condition ({@code user-risk} or
 *                             {@code sign-in-risk}) demands a second factor: the user must give one they have, never
 *                             register one in this sign-in (as Entra blocks unregistered users under risk policies)
 */
public record AccessDecision(Grant grant, List<String> policies, SortedMap<String, Grant> reportOnly,
                             int signInFrequencyHours, int rememberDeviceDays, List<PolicyEvaluation> evaluations,
                             boolean passwordChange, boolean riskDriven) {

    public AccessDecision(Grant grant, List<String> policies, SortedMap<String, Grant> reportOnly,
                          int signInFrequencyHours, int rememberDeviceDays, List<PolicyEvaluation> evaluations) {
        this(grant, policies, reportOnly, signInFrequencyHours, rememberDeviceDays, evaluations, false, false);
    }

    public AccessDecision {
        policies = List.copyOf(policies);
        reportOnly = Collections.unmodifiableSortedMap(new TreeMap<>(reportOnly));
        evaluations = List.copyOf(evaluations);
    }

    public boolean blocked() {
        return grant == Grant.BLOCK;
    }

    /**
     * The enforcing applying policies whose demand is the decision, sorted: for a block, the policies the block
     * page and the support details name; otherwise also those that demand the password change.
     */
    public List<String> decidingPolicies() {
        return evaluations.stream().filter(e -> e.enforces() && (e.demand().factor() == grant
                        || grant != Grant.BLOCK && e.demand() == Grant.PASSWORD_CHANGE))
                .map(PolicyEvaluation::policy).sorted().toList();
    }

    /** Event detail {@code mfa_policies}: the applying policies' names, comma-separated. */
    public String policiesDetail() {
        return String.join(",", policies);
    }

    /** Event detail {@code mfa_report_only}: {@code name=grant} per applying report-only policy. */
    public String reportOnlyDetail() {
        return reportOnly.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().id())
                .collect(Collectors.joining(","));
    }

    /** The decision as the authentication session keeps it, for one user, flow and client. */
    public SignInDecision forSignIn(String userId, String flowId, String clientId) {
        List<String> deciding = decidingPolicies();
        List<String> problems = evaluations().stream()
                .filter(e -> e.enforces() && deciding.contains(e.policy()) && !e.problems().isEmpty())
                .map(e -> e.policy() + ": " + String.join("; ", e.problems())).toList();
        return new SignInDecision(userId, grant().id(), policiesDetail(), reportOnlyDetail(), deciding,
                signInFrequencyHours(), rememberDeviceDays(), problems, flowId, clientId, null,
                passwordChange && grant != Grant.BLOCK, riskDriven && grant != Grant.BLOCK);
    }
}
