package org.mfasuite.keycloak.flow;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class DefaultChoiceCredentialProviderFactory implements CredentialProviderFactory<DefaultChoiceCredentialProvider> {

    public static final String PROVIDER_ID = DefaultChoice.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public DefaultChoiceCredentialProvider create(KeycloakSession session) {
        return new DefaultChoiceCredentialProvider(session);
    }
}
