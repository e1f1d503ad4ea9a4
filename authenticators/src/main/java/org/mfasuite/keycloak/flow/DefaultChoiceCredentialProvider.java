package org.mfasuite.keycloak.flow;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stores the record of a chosen default ({@link DefaultChoice}) as Keycloak stores credentials, so a realm import or an
 * admin's user creation (both go through a credential type's provider) carries it. Not a way to sign in: no step
 * checks it, and no required action sets it up.
 */
public class DefaultChoiceCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

    public DefaultChoiceCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return DefaultChoice.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("mfa-default-method-display-name")
                .helpText("mfa-default-method-help-text")
                .removeable(true)
                .build(session);
    }
}
