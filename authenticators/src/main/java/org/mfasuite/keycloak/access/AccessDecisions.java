package org.mfasuite.keycloak.access;

import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.core.SignInDecision;
import org.mfasuite.keycloak.geo.Places;
import org.mfasuite.keycloak.risk.SignInRisk;

/**
 * Takes a sign-in's conditional-access decision once per flow and keeps it in the authentication session, so
 * that the policy steps, the condition and the gate (and every node of a cluster) see the same one.
 */
public final class AccessDecisions {

    public static final String DETAIL_ACCESS = "mfa_access";
    public static final String DETAIL_POLICIES = "mfa_policies";
    public static final String DETAIL_REPORT_ONLY = "mfa_report_only";
    /** The client address's country (ISO code) where a database placed it. */
    public static final String DETAIL_COUNTRY = "mfa_country";
    /** This sign-in's risk level, and the signals behind it (comma-separated ids). */
    public static final String DETAIL_RISK = SignInRisk.DETAIL_RISK;
    public static final String DETAIL_RISK_SIGNALS = SignInRisk.DETAIL_SIGNALS;
    /** {@code required} when the decision demands a new password after the second factor (grant password-change). */
    public static final String DETAIL_PASSWORD_CHANGE = "mfa_password_change";

    /** Set by a step whose secret stands for the user's MFA-protected set-up (an app password): see {@link #standIn}. */
    static final String STAND_IN_NOTE = "mfa-access.stand-in";
    private static final Logger LOG = Logger.getLogger(AccessDecisions.class);
    private static final int PROBLEM_LOG_SECONDS = 3600;

    private AccessDecisions() {
    }

    /**
     * This sign-in's decision, taken now if it was not taken yet for this user, flow and client (a cached decision
     * is never reused for another flow or client: their policies differ).
     */
    public static SignInDecision of(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        String flowId = context.getTopLevelFlow().getId();
        String clientId = authSession.getClient().getClientId();
        SignInDecision taken = taken(authSession);
        if (taken != null && user != null && taken.isFor(user.getId(), flowId, clientId)) {
            return taken;
        }
        String address = context.getConnection().getRemoteAddr();
        ClientType type = clientType(context);
        SignInDecision decision = evaluate(context.getSession(), context.getRealm(), flowId, user, clientId, address,
                type, null, () -> SignInRisk.assess(context.getSession(), context.getRealm(), authSession, user, address,
                        type == ClientType.BROWSER).level()).forSignIn(user.getId(), flowId, clientId)
                .withCountry(Places.placedCountry(context.getSession(), address));
        decision = FreshSecondFactor.strengthen(context.getSession(), context.getRealm(), authSession, user, decision);
        logProblems(context.getSession(), context.getRealm(), decision);
        authSession.setAuthNote(SignInDecision.NOTE, decision.toNote());
        return decision;
    }

    /**
     * Records that this sign-in used a secret the user could only create after signing in with a second factor,
     * such as an app password (as Entra counts them): it meets an {@code mfa} requirement, never a
     * {@code phishing-resistant} one, and never lifts a block.
     *
     * @param method what stood in, e.g. {@code app-password}
     */
    public static void standIn(AuthenticationSessionModel authSession, String method) {
        authSession.setAuthNote(STAND_IN_NOTE, method);
    }

    /**
     * What the policies of a flow decide for a user, client, address and client type: real sign-ins and what-if
     * both take their decision here, so a what-if answer is what the sign-in would do.
     *
     * @param country    the country a what-if assumes; null: placed from the address, as a sign-in does
     * @param signInRisk the sign-in's risk (assessed, or what-if's assumed one), asked only when a policy names it
     */
    static AccessDecision evaluate(KeycloakSession session, RealmModel realm, String flowId, UserModel user,
                                   String clientId, String address, ClientType type, String country,
                                   Supplier<RiskLevel> signInRisk) {
        FlowPolicies flow = FlowPolicies.read(session, realm, flowId);
        SignInFacts facts = SignInFactsReader.read(session, realm, user, clientId, address, type, flow.policies(),
                country, signInRisk);
        return AccessPolicies.evaluate(flow.policies(), facts);
    }

    /** The decision taken in this authentication session; null when none was. */
    public static SignInDecision taken(AuthenticationSessionModel authSession) {
        return SignInDecision.taken(authSession);
    }

    /** The second-factor steps of the flow this sign-in runs (its policies are not parsed again). */
    static FlowPolicies flow(AuthenticationFlowContext context) {
        return FlowPolicies.steps(context.getSession(), context.getRealm(), context.getTopLevelFlow().getId());
    }

    /** The direct grant runs its flow under the token endpoint's path; everything else is a browser. */
    static ClientType clientType(AuthenticationFlowContext context) {
        return "token".equals(context.getFlowPath()) ? ClientType.DIRECT_GRANT : ClientType.BROWSER;
    }

    /**
     * Event details {@code mfa_access}, {@code mfa_policies}, {@code mfa_report_only}, {@code mfa_country},
     * {@code mfa_password_change}.
     */
    public static EventBuilder describe(EventBuilder event, SignInDecision decision) {
        event.detail(DETAIL_ACCESS, decision.grant());
        if (!decision.policies().isEmpty()) {
            event.detail(DETAIL_POLICIES, decision.policies());
        }
        if (!decision.reportOnly().isEmpty()) {
            event.detail(DETAIL_REPORT_ONLY, decision.reportOnly());
        }
        if (decision.country() != null) {
            event.detail(DETAIL_COUNTRY, decision.country());
        }
        if (decision.passwordChange()) {
            event.detail(DETAIL_PASSWORD_CHANGE, "required");
        }
        return event;
    }

    /** A broken policy is logged once an hour per realm and policy, cluster-wide, not on every sign-in. */
    private static void logProblems(KeycloakSession session, RealmModel realm, SignInDecision decision) {
        for (String problem : decision.problems()) {
            String key = "mfa-access-problem:" + realm.getId() + ":" + Integer.toHexString(problem.hashCode());
            if (session.singleUseObjects().putIfAbsent(key, PROBLEM_LOG_SECONDS)) {
                LOG.warnf("Realm %s: conditional-access policy %s; it blocks the sign-ins it covers until fixed",
                        realm.getName(), problem);
            }
        }
    }
}
