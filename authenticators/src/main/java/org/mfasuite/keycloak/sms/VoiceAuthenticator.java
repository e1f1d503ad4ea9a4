package org.mfasuite.keycloak.sms;

/**
 * Sign-in by phone call: the same code, limits and events as {@link SmsAuthenticator}, read aloud to any of the
 * user's phones, landlines included. Not a {@code CredentialValidator}: Keycloak keys "Try another way" by credential
 * type, one step per type, so a second validator of {@code mfa-phone} would hide the SMS step; as a step of its own
 * it is listed next to it, and {@link #configuredFor} still says whether the user has a phone.
 */
public class VoiceAuthenticator extends PhoneCodeAuthenticator {

    public VoiceAuthenticator() {
        super(PhoneChannel.VOICE);
    }
}
