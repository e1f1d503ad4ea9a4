package org.mfasuite.keycloak.sms;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.mfasuite.keycloak.core.SignInNode;

/**
 * Event details the suite records for every send and every check, by text ({@code mfa_method=sms}) or call
 * ({@code voice}). Keycloak's event types are a closed
 * list: sends (and checks during registration) are recorded as {@code CUSTOM_REQUIRED_ACTION}, with
 * {@code custom_required_action} naming our provider; checks during sign-in are details on Keycloak's
 * own {@code LOGIN} / {@code LOGIN_ERROR}. Never the code.
 */
public final class SmsEvents {

    public static final String METHOD = "mfa_method";
    public static final String STEP = "mfa_step";
    public static final String PHONE = "mfa_phone";
    public static final String GATEWAY = "mfa_gateway";
    public static final String MESSAGE_ID = "mfa_gateway_message_id";
    public static final String RESULT = "mfa_result";

    public static final String STEP_SEND = "send";
    public static final String STEP_CHECK = "check";

    private SmsEvents() {
    }

    /** Adds the method ({@code sms}), step and masked phone to an event of the flow. */
    public static EventBuilder describe(EventBuilder event, String step, String maskedPhone) {
        return describe(event, PhoneChannel.SMS, step, maskedPhone);
    }

    /**
     * Adds the method ({@code sms} or {@code voice}), step and masked phone to an event of the flow: the one place
     * where texts and calls get their details.
     */
    public static EventBuilder describe(EventBuilder event, PhoneChannel channel, String step, String maskedPhone) {
        return SignInNode.tag(event).detail(METHOD, channel.method()).detail(STEP, step).detail(PHONE, maskedPhone)
                .detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE);
    }

    /** A separate event for one send, cloned from the flow's event so it keeps realm, client, user and IP. */
    public static EventBuilder send(EventBuilder flowEvent, String provider, PhoneChannel channel, String maskedPhone) {
        EventBuilder event = flowEvent.clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, provider);
        return describe(event, channel, STEP_SEND, maskedPhone);
    }
}
