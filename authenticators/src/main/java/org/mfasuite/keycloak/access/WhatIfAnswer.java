package org.mfasuite.keycloak.access;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.mfasuite.keycloak.risk.RiskAssessment;

/**
 * The answer to a {@link WhatIfRequest}: the decision a real sign-in with the same inputs would take (the same
 * values its {@code mfa_access}, {@code mfa_policies} and {@code mfa_report_only} event details carry) and how
 * each policy of the flow judged it. Field names are a public contract.
 *
 * @param username    the user the question resolved to
 * @param clientId    the client asked about
 * @param ipAddress   the address asked about
 * @param clientType  {@code browser} or {@code direct-grant}
 * @param flow        the alias of the flow that client would sign in with for that client type
 * @param grant       the combined factor demand: none, allow, mfa, phishing-resistant or block (password-change: mfa with {@code passwordChange})
 * @param policies    the enforcing policies that apply, sorted
 * @param reportOnly  the report-only policies that apply, by name, with what each would demand
 * @param decidingPolicies the enforcing policies whose demand is the decision (named on a block page)
 * @param evaluations each policy of the flow, in the flow's order
 * @param passwordChange after the second factor the user must set a new password (grant {@code password-change};
 *                    a direct-grant sign-in is refused instead)
 * @param signInRisk  the sign-in risk level the assumed signals give ({@code none} without any)
 * @param riskSignals the signals assumed ({@code deviceKnown: false} is {@code unfamiliar-device})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WhatIfAnswer(String username, String clientId, String ipAddress, String clientType, String flow,
                           String grant, List<String> policies, SortedMap<String, String> reportOnly,
                           int signInFrequencyHours, int rememberDeviceDays, List<String> decidingPolicies,
                           List<Evaluation> evaluations, boolean passwordChange, String signInRisk,
                           List<String> riskSignals) {

    /**
     * How one policy judged the sign-in.
     *
     * @param state          on, report-only or off
     * @param applies        whether it covers the sign-in (report-only: would cover it)
     * @param unmetCondition the first condition not met ({@code network}, {@code client}, {@code state-off}, ...);
     *                       null when it applies
     * @param demand         what it demands of the sign-ins it covers; block when it has problems
     * @param problems       what is wrong with its config
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Evaluation(String name, String state, boolean applies, String unmetCondition, String demand,
                             List<String> problems) {

        static Evaluation of(PolicyEvaluation e) {
            return new Evaluation(e.policy(), e.state().id(), e.applies(), e.unmet() == null ? null : e.unmet().id(),
                    e.demand().id(), e.problems());
        }
    }

    public static WhatIfAnswer of(String username, String clientId, String ipAddress, ClientType clientType,
                                  String flow, AccessDecision decision) {
        return of(username, clientId, ipAddress, clientType, flow, decision, RiskAssessment.NONE);
    }

    public static WhatIfAnswer of(String username, String clientId, String ipAddress, ClientType clientType,
                                  String flow, AccessDecision decision, RiskAssessment risk) {
        SortedMap<String, String> reportOnly = new TreeMap<>();
        decision.reportOnly().forEach((name, grant) -> reportOnly.put(name, grant.id()));
        return new WhatIfAnswer(username, clientId, ipAddress, clientType.id(), flow, decision.grant().id(),
                decision.policies(), reportOnly, decision.signInFrequencyHours(), decision.rememberDeviceDays(),
                decision.decidingPolicies(), decision.evaluations().stream().map(Evaluation::of).toList(),
                decision.passwordChange() && !decision.blocked(), risk.level().id(), risk.signalList());
    }
}
