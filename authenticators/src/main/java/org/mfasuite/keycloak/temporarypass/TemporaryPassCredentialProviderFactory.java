package org.mfasuite.keycloak.temporarypass;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class TemporaryPassCredentialProviderFactory implements CredentialProviderFactory<TemporaryPassCredentialProvider> {

    public static final String PROVIDER_ID = TemporaryPassCredentialModel.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public TemporaryPassCredentialProvider create(KeycloakSession session) {
        return new TemporaryPassCredentialProvider(session);
    }
}
