package org.mfasuite.keycloak.audit;

import java.util.Map;
import java.util.Set;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.sms.SmsEvents;
import org.mfasuite.keycloak.support.SupportDetails;
import org.mfasuite.keycloak.trust.TrustedDevices;

/**
 * Reads the suite's event details back: which stored events are second-factor attempts (and of which method), and
 * which are sent messages. Methods are read from {@code mfa_method}, so a new method that records its checks the
 * way SMS does ({@code mfa_method=voice}, {@code push}, ...) needs no change here. Keycloak's own forms write no
 * {@code mfa_method}: their attempts are recognised by {@code selected_credential_id}, whose credential type names
 * the method ({@code otp}, ...) as long as that credential still exists.
 */
public final class SignInRows {

    private static final String METHOD = SmsEvents.METHOD;
    private static final String RESULT = SmsEvents.RESULT;
    private static final String STEP = SmsEvents.STEP;
    private static final String PHONE = SmsEvents.PHONE;
    private static final String GATEWAY = SmsEvents.GATEWAY;
    /** The sign-in's conditional-access decision (written by the access package, read here by name). */
    static final String ACCESS = "mfa_access";
    static final String POLICIES = "mfa_policies";
    /** For methods without a phone (push): the device's name, shown as it is. */
    public static final String DEVICE = "mfa_device";
    public static final String TRUSTED_DEVICE_METHOD = "trusted-device";
    public static final String UNKNOWN = "unknown";

    /** {@code mfa_method} values that are a first factor, not an attempt of a second one. */
    private static final Set<String> FIRST_FACTORS = Set.of("password");
    private static final Set<String> NOT_SECOND_FACTOR_TYPES = Set.of("password", "mfa-trusted-device");

    /** What the log needs from Keycloak beyond the event: credentials and people, looked up by id. */
    public interface Lookup {
        /** The type and label of a user's credential, or null when it no longer exists. */
        Credential credential(String userId, String credentialId);

        /** The user's username, name and email, or null (deleted, or the caller may not view users). */
        Person person(String userId);
    }

    public record Credential(String type, String label) {
    }

    public record Person(String username, String name, String email) {
    }

    /** A message a method sent (or could not send): one line of the SMS bill. */
    public record Send(String channel, String gateway, String result) {
    }

    private SignInRows() {
    }

    /** The second-factor method this event is an attempt of, or null when it is none. */
    public static String method(Event event, Lookup lookup) {
        if (event.getType() != EventType.LOGIN && event.getType() != EventType.LOGIN_ERROR) {
            return null;
        }
        Map<String, String> details = details(event);
        String method = details.get(METHOD);
        if (method != null) {
            return FIRST_FACTORS.contains(method) ? null : method;
        }
        if ("recognised".equals(details.get(TrustedDevices.DETAIL)) && event.getType() == EventType.LOGIN) {
            return TRUSTED_DEVICE_METHOD;
        }
        String selected = details.get(Details.SELECTED_CREDENTIAL_ID);
        if (selected == null || selected.isEmpty()) {
            return null;
        }
        Credential credential = lookup.credential(event.getUserId(), selected);
        if (credential == null) {
            return UNKNOWN;
        }
        return NOT_SECOND_FACTOR_TYPES.contains(credential.type()) ? null : credential.type();
    }

    /** The log row of this event, or null when it is no second-factor attempt. */
    public static SignInRow row(Event event, Lookup lookup) {
        String method = method(event, lookup);
        return method == null ? null : row(event, lookup, method);
    }

    /**
     * The row of any stored event found by its helpdesk reference: a second-factor attempt as in the log, anything
     * else (a refusal by policy, a registration that failed) with {@code method} null.
     */
    public static SignInRow anyRow(Event event, Lookup lookup) {
        return row(event, lookup, method(event, lookup));
    }

    private static SignInRow row(Event event, Lookup lookup, String method) {
        Map<String, String> details = details(event);
        boolean failed = event.getError() != null || event.getType().name().endsWith("_ERROR");
        Person person = event.getUserId() == null ? null : lookup.person(event.getUserId());
        String username = details.get(Details.USERNAME);
        if (username == null && person != null) {
            username = person.username();
        }
        return new SignInRow(event.getTime(), event.getId(), event.getUserId(), username,
                person == null ? null : person.name(), person == null ? null : person.email(),
                device(event, details, lookup), method, failed ? SignInRow.FAILURE : SignInRow.SUCCESS,
                reason(event, details, method, failed), failed ? event.getError() : null,
                details.get(SignInNode.DETAIL), event.getIpAddress(), event.getClientId(),
                details.get(SupportDetails.EVENT_DETAIL), details.get(ACCESS), details.get(POLICIES), details);
    }

    /** The message this event records, or null: a send is {@code CUSTOM_REQUIRED_ACTION(_ERROR)} with {@code mfa_step=send}. */
    public static Send send(Event event) {
        if (event.getType() != EventType.CUSTOM_REQUIRED_ACTION && event.getType() != EventType.CUSTOM_REQUIRED_ACTION_ERROR) {
            return null;
        }
        Map<String, String> details = details(event);
        String channel = details.get(METHOD);
        if (!SmsEvents.STEP_SEND.equals(details.get(STEP)) || channel == null) {
            return null;
        }
        String result = details.get(RESULT);
        if (result == null) {
            result = event.getType() == EventType.CUSTOM_REQUIRED_ACTION ? "sent" : "failed";
        }
        return new Send(channel, details.get(GATEWAY), result);
    }

    private static String reason(Event event, Map<String, String> details, String method, boolean failed) {
        if (failed) {
            return first(details.get(Details.REASON), details.get(RESULT), event.getError());
        }
        if (method == null) {
            return first(details.get(Details.REASON), details.get(RESULT));
        }
        if (TRUSTED_DEVICE_METHOD.equals(method)) {
            return "recognised";
        }
        return first(details.get(RESULT), "valid");
    }

    private static String device(Event event, Map<String, String> details, Lookup lookup) {
        String shown = first(details.get(PHONE), details.get(DEVICE));
        if (shown != null) {
            return shown;
        }
        String id = first(details.get(Details.CREDENTIAL_ID), details.get(Details.SELECTED_CREDENTIAL_ID));
        Credential credential = id == null ? null : lookup.credential(event.getUserId(), id);
        // a phone's label may be its full number: phones are only ever shown masked (mfa_phone)
        return credential == null || credential.type().equals("mfa-phone") ? null : credential.label();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static Map<String, String> details(Event event) {
        return event.getDetails() == null ? Map.of() : event.getDetails();
    }
}
