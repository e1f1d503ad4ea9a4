package org.mfasuite.keycloak.push;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stores a user's push devices and indexes their ids ({@link PushDevices}). Listed and removable in the Account
 * Console ("Set up" enrols another); removing one stops its requests at once, because every device call looks its
 * credential up. Approvals are checked by
 * the push challenge, not through Keycloak's credential validation.
 */
public class PushDeviceCredentialProvider implements CredentialProvider<PushDeviceCredentialModel>, CredentialInputValidator {

    static final String ICON = "fa fa-mobile list-view-pf-icon-lg";
    private static final DateTimeFormatter ENROLLED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final KeycloakSession session;

    public PushDeviceCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    public static PushDeviceCredentialProvider of(KeycloakSession session) {
        return (PushDeviceCredentialProvider) session.getProvider(CredentialProvider.class,
                PushDeviceCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public String getType() {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PushDeviceCredentialModel device) {
        CredentialModel stored = user.credentialManager().createStoredCredential(device);
        PushDevices.index(session, realm, user.getId(), stored.getId(), device.getDeviceId());
        return stored;
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        PushDevices.unindex(session, credentialId);
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public PushDeviceCredentialModel getCredentialFromModel(CredentialModel model) {
        return PushDeviceCredentialModel.createFromCredentialModel(model);
    }

    /** The user's devices, oldest first. */
    public List<PushDeviceCredentialModel> devicesOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .map(PushDeviceCredentialModel::createFromCredentialModel)
                .sorted(Comparator.comparing(d -> d.getCreatedDate() == null ? 0L : d.getCreatedDate()))
                .toList();
    }

    public void update(UserModel user, PushDeviceCredentialModel device) {
        user.credentialManager().updateStoredCredential(device);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType)
                && user.credentialManager().getStoredCredentialsByTypeStream(getType()).findAny().isPresent();
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return false;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("mfa-push-device-display-name")
                .helpText("mfa-push-device-help-text")
                .iconCssClass(ICON)
                .createAction(PushEnrollActionFactory.PROVIDER_ID)
                .removeable(true)
                .build(session);
    }

    /** "Enrolled 2026-01-31 10:15 UTC · android" under each device. */
    @Override
    public CredentialMetadata getCredentialMetadata(PushDeviceCredentialModel device, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(device);
        long created = device.getCreatedDate() == null ? 0 : device.getCreatedDate();
        metadata.setInfoMessage("mfa-push-device-info", ENROLLED.format(Instant.ofEpochMilli(created)),
                device.getPlatform() == null ? "?" : device.getPlatform());
        return metadata;
    }
}
