package org.mfasuite.keycloak.core;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * The combined decision of one sign-in as it is kept in the authentication session (replicated, so every node
 * of a cluster enforces the same decision), taken once per flow for one user by conditional access and read by
 * every capability that depends on it (remembered devices, app passwords).
 *
 * @param userId     the user it was taken for; another user (the flow was restarted) needs a new decision
 * @param grant      the combined grant id ({@link Grant#id()})
 * @param policies   event detail {@code mfa_policies}
 * @param reportOnly event detail {@code mfa_report_only}
 * @param deciding   the policies whose demand is the decision, for the block page and support details
 * @param problems   why deciding policies are broken, if they are (logged, never shown to the user)
 * @param flowId     the top-level flow it was taken for: another flow has other policies
 * @param clientId   the client it was taken for: policies name clients
 * @param country    the address's country when a policy needed it and a database placed it (event detail
 *                   {@code mfa_country}); null otherwise
 * @param passwordChange after the second factor ({@code grant} is at least mfa) the user must set a new password
 *                   (grant {@code password-change}; never with a block)
 * @param riskDriven an enforcing policy that covers the sign-in because of its risk condition ({@code user-risk} or
 *                   {@code sign-in-risk}) demands a second factor: registering a method never stands in for it (whoever
 *                   holds the password would register their own); never with a block
 */
public record SignInDecision(String userId, String grant, String policies, String reportOnly, List<String> deciding,
                             int signInFrequencyHours, int rememberDeviceDays, List<String> problems, String flowId,
                             String clientId, String country, boolean passwordChange,
                             boolean riskDriven) {

    /** The authentication-session note that holds it. */
    public static final String NOTE = "mfa-access.decision";

    @JsonCreator
    public SignInDecision {
        deciding = deciding == null ? List.of() : List.copyOf(deciding);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Whether it was taken for this user, flow and client; any other sign-in needs a decision of its own. */
    public boolean isFor(String userId, String flowId, String clientId) {
        return userId != null && userId.equals(this.userId) && Objects.equals(flowId, this.flowId)
                && Objects.equals(clientId, this.clientId);
    }

    /** This sign-in's decision as kept in the authentication session; null when none was taken. */
    public static SignInDecision taken(AuthenticationSessionModel authSession) {
        return authSession == null ? null : fromNote(authSession.getAuthNote(NOTE));
    }

    /** The same decision, recording the country it was taken for. */
    public SignInDecision withCountry(String country) {
        return new SignInDecision(userId, grant, policies, reportOnly, deciding, signInFrequencyHours,
                rememberDeviceDays, problems, flowId, clientId, country, passwordChange, riskDriven);
    }

    public Grant grantValue() {
        Grant g = Grant.parse(grant);
        return g == null ? Grant.NONE : g;
    }

    public String toNote() {
        try {
            return JsonSerialization.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the note is absent or unreadable (then the decision is taken again). */
    public static SignInDecision fromNote(String note) {
        if (note == null) {
            return null;
        }
        try {
            return JsonSerialization.readValue(note, SignInDecision.class);
        } catch (IOException e) {
            return null;
        }
    }
}
