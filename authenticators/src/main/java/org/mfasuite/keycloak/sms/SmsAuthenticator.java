package org.mfasuite.keycloak.sms;

import org.keycloak.authentication.CredentialValidator;
import org.keycloak.models.KeycloakSession;

/**
 * Sign-in by text message. The credential validator of {@code mfa-phone}: Keycloak lists one step per credential
 * type in "Try another way", and this is the one for phones ({@link VoiceAuthenticator} is listed as a step of its own).
 */
public class SmsAuthenticator extends PhoneCodeAuthenticator implements CredentialValidator<PhoneCredentialProvider> {

    public SmsAuthenticator() {
        super(PhoneChannel.SMS);
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return PhoneCredentialProvider.of(session);
    }
}
