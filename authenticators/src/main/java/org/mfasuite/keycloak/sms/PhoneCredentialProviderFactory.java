package org.mfasuite.keycloak.sms;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class PhoneCredentialProviderFactory implements CredentialProviderFactory<PhoneCredentialProvider> {

    public static final String PROVIDER_ID = PhoneCredentialModel.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public PhoneCredentialProvider create(KeycloakSession session) {
        return new PhoneCredentialProvider(session);
    }
}
