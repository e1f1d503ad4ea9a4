package org.mfasuite.keycloak.audit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.sms.SmsEvents;
import org.mfasuite.keycloak.support.SupportDetails;
import org.mfasuite.keycloak.trust.TrustedDevices;

/**
 * Keeps a sign-in's {@code LOGIN} event about its second factor when required actions come between the check and
 * that event. Keycloak sends {@code LOGIN} in the request that ends the last required action, with that request's
 * event builder: it lacks the check's details and carries the action's own ({@code mfa_method=app-password},
 * {@code mfa_result=created}, ...), which would read as an attempt. So, where Keycloak evaluates the required
 * actions' triggers: in the request that ends the flow, the check's details are kept in an authentication-session
 * note; in a request that ran a required action, our stale details are dropped and the check's put back.
 */
public final class SignInDetails {

    static final String NOTE = "mfa-audit.check";
    /** What describes the second-factor check of a sign-in. */
    static final Set<String> CHECK = Set.of(SmsEvents.METHOD, SmsEvents.STEP, SmsEvents.PHONE, SmsEvents.RESULT,
            SignInRows.DEVICE, TrustedDevices.DETAIL, Details.SELECTED_CREDENTIAL_ID, Details.CREDENTIAL_ID,
            Details.CREDENTIAL_TYPE, SupportDetails.EVENT_DETAIL);
    /** Ours, but about the whole sign-in, not the action: set again for the LOGIN event where needed. */
    private static final Set<String> KEEP = Set.of(SignInNode.DETAIL, "mfa_access", "mfa_policies", "mfa_report_only");

    private SignInDetails() {
    }

    /** Called with the event that becomes {@code LOGIN}; also tags the node. */
    public static void onLoginEvent(EventBuilder event, AuthenticationSessionModel authSession) {
        SignInNode.tag(event);
        Map<String, String> details = event.getEvent().getDetails();
        if (details == null || authSession == null) {
            return;
        }
        if (details.get(Details.CUSTOM_REQUIRED_ACTION) == null) {
            Map<String, String> check = snapshot(details);
            if (!check.isEmpty()) {
                authSession.setAuthNote(NOTE, write(check));
            }
            return;
        }
        Map<String, String> restored = restore(details, read(authSession.getAuthNote(NOTE)));
        details.clear();
        details.putAll(restored);
    }

    /** The check's details, when the event describes a second-factor check; else empty. */
    static Map<String, String> snapshot(Map<String, String> details) {
        if (details.get(SmsEvents.METHOD) == null && details.get(Details.SELECTED_CREDENTIAL_ID) == null
                && details.get(TrustedDevices.DETAIL) == null) {
            return Map.of();
        }
        Map<String, String> check = new LinkedHashMap<>();
        CHECK.forEach(k -> {
            if (details.get(k) != null) {
                check.put(k, details.get(k));
            }
        });
        return check;
    }

    /** The details of a required action's request: our stale ones and the action's credential gone, the check back. */
    static Map<String, String> restore(Map<String, String> details, Map<String, String> check) {
        Map<String, String> result = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            boolean stale = k.startsWith("mfa_") && !KEEP.contains(k) || CHECK.contains(k);
            if (!stale) {
                result.put(k, v);
            }
        });
        result.putAll(check);
        return result;
    }

    private static String write(Map<String, String> check) {
        try {
            return JsonSerialization.writeValueAsString(check);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> read(String note) {
        if (note == null) {
            return Map.of();
        }
        try {
            Map<String, String> map = JsonSerialization.readValue(note, Map.class);
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
