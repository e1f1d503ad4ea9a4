package org.mfasuite.keycloak.apppassword;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class AppPasswordCredentialProviderFactory implements CredentialProviderFactory<AppPasswordCredentialProvider> {

    public static final String PROVIDER_ID = AppPasswordCredentialModel.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public AppPasswordCredentialProvider create(KeycloakSession session) {
        return new AppPasswordCredentialProvider(session);
    }
}
