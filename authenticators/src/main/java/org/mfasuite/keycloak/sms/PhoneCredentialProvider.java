package org.mfasuite.keycloak.sms;

import java.util.List;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Stores and lists a user's verified phone numbers in Keycloak's own credential store. */
public class PhoneCredentialProvider implements CredentialProvider<PhoneCredentialModel>, CredentialInputValidator {

    /** A text-message icon in the method chooser: keycloak.v2's Font Awesome 5 knows fa-sms, the classic theme's FA 4 fa-commenting. */
    static final String ICON = "fa fa-sms fa-commenting list-view-pf-icon-lg";

    private final KeycloakSession session;

    public PhoneCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    public static PhoneCredentialProvider of(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(CredentialProvider.class, PhoneCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public String getType() {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PhoneCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public PhoneCredentialModel getCredentialFromModel(CredentialModel model) {
        return PhoneCredentialModel.createFromCredentialModel(model);
    }

    /** The user's phones, oldest first (the first is the default). */
    public List<PhoneCredentialModel> phonesOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .map(PhoneCredentialModel::createFromCredentialModel)
                .filter(p -> p.getPhoneNumber() != null)
                .toList();
    }

    /** Whether the user already has this number, so registering it twice is refused. */
    public boolean hasNumber(UserModel user, String e164) {
        return phonesOf(user).stream().anyMatch(p -> e164.equals(p.getPhoneNumber()));
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        // the same phones the step can send to: a damaged credential must not make the step unusable
        return supportsCredentialType(credentialType) && !phonesOf(user).isEmpty();
    }

    /** Codes are checked against the pending challenge in the authentication session, not here. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return false;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("mfa-phone-display-name")
                .helpText("mfa-phone-help-text")
                .iconCssClass(ICON)
                .createAction(PhoneRegisterActionFactory.PROVIDER_ID)
                .removeable(true)
                .build(session);
    }
}
