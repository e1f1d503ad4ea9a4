package org.mfasuite.keycloak.sms;

import org.mfasuite.keycloak.gateway.Channel;

/**
 * The two ways a code reaches a phone. Everything else about a code (issue, limits, checks, events) is the same
 * for both; this says what differs: the sign-in step, the gateway channel, the event's {@code mfa_method}, the
 * message keys of its own wording, and which phones it can reach.
 */
public enum PhoneChannel {

    SMS(Channel.SMS, SmsAuthenticatorFactory.PROVIDER_ID),
    VOICE(Channel.VOICE, VoiceAuthenticatorFactory.PROVIDER_ID);

    private final Channel gatewayChannel;
    private final String providerId;

    PhoneChannel(Channel gatewayChannel, String providerId) {
        this.gatewayChannel = gatewayChannel;
        this.providerId = providerId;
    }

    public Channel gatewayChannel() {
        return gatewayChannel;
    }

    /** The sign-in step's provider id; also the prefix of this channel's message keys and its page template. */
    public String providerId() {
        return providerId;
    }

    /** The event detail {@code mfa_method}: {@code sms} or {@code voice}. */
    public String method() {
        return gatewayChannel.wireName();
    }

    /** A message key worded for this channel: {@code mfa-sms-<suffix>} or {@code mfa-voice-<suffix>}. */
    public String key(String suffix) {
        return providerId + "-" + suffix;
    }

    /** A landline registered for calls cannot receive a text. */
    public boolean reaches(PhoneCredentialModel phone) {
        return this == VOICE || !phone.isLandline();
    }

    /** The other way to the same phones. */
    public PhoneChannel other() {
        return this == SMS ? VOICE : SMS;
    }
}
