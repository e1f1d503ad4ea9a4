package org.mfasuite.keycloak.access;

import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Whether the gate sits where it can work: the last step of its flow, with no second-factor step after it. A gate
 * placed before the second-factor sub-flow refuses (or registers) users who would have given their factor a step
 * later, and nothing in the admin console says so: the gate logs an ERROR, once an hour per realm, cluster-wide.
 */
final class GatePlacement {

    private static final Logger LOG = Logger.getLogger(GatePlacement.class);
    private static final int LOG_SECONDS = 3600;

    /** One enabled execution of a flow in the order Keycloak runs them (depth first), with the flow it is in. */
    record Step(String id, String parentFlowId) {
    }

    private GatePlacement() {
    }

    /**
     * The problem with the gate's place, or null when there is none.
     *
     * @param steps             the top-level flow's enabled executions, sub-flows included, depth first
     * @param gateId            the gate's execution id
     * @param secondFactorSteps execution ids of the flow's second-factor steps
     */
    static String problem(List<Step> steps, String gateId, Set<String> secondFactorSteps) {
        int at = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(gateId)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        List<Step> after = steps.subList(at + 1, steps.size());
        if (after.stream().anyMatch(s -> secondFactorSteps.contains(s.id()))) {
            return "a second-factor step comes after it: users who must give a factor are refused before they can";
        }
        String parent = steps.get(at).parentFlowId();
        if (after.stream().anyMatch(s -> s.parentFlowId().equals(parent))) {
            return "it is not the last step of its flow";
        }
        return null;
    }

    /** Logs an ERROR (once an hour per realm, cluster-wide) when the gate of this flow is misplaced. */
    static void check(KeycloakSession session, RealmModel realm, String topFlowId, String gateId,
                      FlowPolicies flow) {
        String problem = problem(flow.order(), gateId, flow.secondFactorSteps().keySet());
        if (problem != null && session.singleUseObjects().putIfAbsent(
                "mfa-access-gate-placement:" + realm.getId(), LOG_SECONDS)) {
            LOG.errorf("Realm %s: the conditional-access gate (%s) of flow %s is misplaced: %s. Make it the last step "
                    + "of the flow, after the second-factor sub-flows.", realm.getName(),
                    AccessGateAuthenticatorFactory.PROVIDER_ID, flowAlias(realm, topFlowId), problem);
        }
    }

    private static String flowAlias(RealmModel realm, String flowId) {
        var flow = realm.getAuthenticationFlowById(flowId);
        return flow == null ? flowId : flow.getAlias();
    }
}
