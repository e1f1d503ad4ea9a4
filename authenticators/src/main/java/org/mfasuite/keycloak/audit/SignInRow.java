package org.mfasuite.keycloak.audit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One second-factor attempt of the sign-in log, with the fields Azure MFA Server's report showed. Built from one
 * stored Keycloak event; {@code name} and {@code email} are null unless the caller may view users.
 *
 * @param time      epoch milliseconds of the event
 * @param device    masked phone, or the credential's label (authenticator app, app password); null if unknown
 * @param method    {@code sms}, {@code otp}, {@code app-password}, {@code trusted-device}, ... ({@code mfa_method})
 * @param result    {@code success} or {@code failure}
 * @param reason    why: {@code valid}, {@code recognised}, {@code wrong_code}, {@code expired_code}, ...
 * @param error     Keycloak's event error for failures ({@code invalid_user_credentials}, ...), else null
 * @param node      the server node that handled it ({@code mfa_node}); null for events recorded without it
 * @param client    the client id
 * @param reference the helpdesk reference the user was shown ({@code mfa_ref}), or null
 * @param access    what the realm's policies demanded ({@code mfa_access}), or null
 * @param policies  the enforcing policies that applied ({@code mfa_policies}, comma-separated), or null
 * @param details   every detail of the stored event, as Keycloak's events API shows them (a row's full details)
 * @param reported  the user reported this sign-in as not theirs (a {@code mfa_fraud_report} names its reference)
 */
public record SignInRow(long time, String eventId, String userId, String username, String name, String email,
                        String device, String method, String result, String reason, String error, String node,
                        String ipAddress, String client, String reference, String access, String policies,
                        Map<String, String> details, boolean reported) {

    public SignInRow {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public SignInRow(long time, String eventId, String userId, String username, String name, String email,
                     String device, String method, String result, String reason, String error, String node,
                     String ipAddress, String client, String reference, String access, String policies,
                     Map<String, String> details) {
        this(time, eventId, userId, username, name, email, device, method, result, reason, error, node, ipAddress,
                client, reference, access, policies, details, false);
    }

    public SignInRow asReported() {
        return new SignInRow(time, eventId, userId, username, name, email, device, method, result, reason, error, node,
                ipAddress, client, reference, access, policies, details, true);
    }

    /** The sign-in's risk level ({@code mfa_risk}: none, low, medium, high); null when it was not assessed. */
    @JsonProperty("risk")
    public String risk() {
        return details.get(RISK);
    }

    /** The signals behind the risk ({@code mfa_risk_signals}, comma-separated ids); null when there were none. */
    @JsonProperty("riskSignals")
    public String riskSignals() {
        return details.get(RISK_SIGNALS);
    }

    /** Written by the risk package, read here by name. */
    static final String RISK = "mfa_risk";
    static final String RISK_SIGNALS = "mfa_risk_signals";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
