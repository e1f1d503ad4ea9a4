package org.mfasuite.keycloak.trust;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class TrustedDeviceCredentialProviderFactory implements CredentialProviderFactory<TrustedDeviceCredentialProvider> {

    public static final String PROVIDER_ID = TrustedDeviceCredentialModel.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public TrustedDeviceCredentialProvider create(KeycloakSession session) {
        return new TrustedDeviceCredentialProvider(session);
    }
}
