package org.mfasuite.keycloak.push;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.sms.SmsEvents;

/**
 * Event details of push approval, in the suite's scheme: sends and device answers as
 * {@code CUSTOM_REQUIRED_ACTION(_ERROR)} with {@code custom_required_action=mfa-push}, the sign-in's result as
 * details on {@code LOGIN} / {@code LOGIN_ERROR}. The number shown is never recorded.
 */
public final class PushEvents {

    public static final String METHOD = SmsEvents.METHOD;
    public static final String STEP = SmsEvents.STEP;
    public static final String RESULT = SmsEvents.RESULT;
    public static final String DEVICE = "mfa_device";
    public static final String CHALLENGE = "mfa_push_challenge";
    public static final String PUSH = "push";
    public static final String STEP_SEND = "send";
    public static final String STEP_CHECK = "check";
    public static final String STEP_ANSWER = "answer";
    /** The error of a request the user reported ("This wasn't me"). */
    public static final String ERROR_REPORTED = "mfa_push_reported";

    private PushEvents() {
    }

    public static EventBuilder describe(EventBuilder event, String step) {
        return SignInNode.tag(event).detail(METHOD, PUSH).detail(STEP, step).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE);
    }

    /** A separate event for a send or a device's answer, outside the sign-in's own LOGIN event. */
    public static EventBuilder activity(EventBuilder base, String step) {
        return describe(base.event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, PushAuthenticatorFactory.PROVIDER_ID), step);
    }
}
