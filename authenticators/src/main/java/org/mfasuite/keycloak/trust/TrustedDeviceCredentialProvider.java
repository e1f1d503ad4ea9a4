package org.mfasuite.keycloak.trust;

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
import org.mfasuite.keycloak.core.LastUseRecord;

/**
 * Stores a user's remembered devices and checks a device's token. Listed and removable in the Account Console;
 * never a sign-in method of its own ({@link #isConfiguredFor} is false), and nothing to set up there.
 */
public class TrustedDeviceCredentialProvider
        implements CredentialProvider<TrustedDeviceCredentialModel>, CredentialInputValidator, LastUseRecord {

    static final String ICON = "fa fa-desktop list-view-pf-icon-lg";
    private static final DateTimeFormatter LAST_USED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final KeycloakSession session;

    public TrustedDeviceCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    public static TrustedDeviceCredentialProvider of(KeycloakSession session) {
        return (TrustedDeviceCredentialProvider) session.getProvider(CredentialProvider.class,
                TrustedDeviceCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public String getType() {
        return TrustedDeviceCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, TrustedDeviceCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    /**
     * The stored last use: when the device was remembered, then moved on when it skips a second factor (at most
     * once per {@link TrustRules#touchDue touch interval}), epoch milliseconds.
     */
    @Override
    public Long lastUsed(CredentialModel credential) {
        long at = TrustedDeviceCredentialModel.createFromCredentialModel(credential).getLastUsed();
        return at > 0 ? at : null;
    }

    @Override
    public TrustedDeviceCredentialModel getCredentialFromModel(CredentialModel model) {
        return TrustedDeviceCredentialModel.createFromCredentialModel(model);
    }

    /** The user's remembered devices, least recently used first. */
    public List<TrustedDeviceCredentialModel> devicesOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .map(TrustedDeviceCredentialModel::createFromCredentialModel)
                .sorted(Comparator.comparingLong(TrustedDeviceCredentialModel::getLastUsed))
                .toList();
    }

    /** The user's device this token names, if its secret matches; null otherwise. */
    public TrustedDeviceCredentialModel find(UserModel user, TrustToken token) {
        return token == null ? null : devicesOf(user).stream()
                .filter(d -> d.getId().equals(token.credentialId()) && token.matches(d.getTokenHash()))
                .findFirst().orElse(null);
    }

    /** Records a use; the caller keeps it to once an hour ({@link TrustRules#touchDue}). */
    public void touch(UserModel user, TrustedDeviceCredentialModel device, long nowMillis) {
        user.credentialManager().updateStoredCredential(device.usedAt(nowMillis));
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    /** Never a method: a user with only remembered devices has no second factor. */
    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return false;
    }

    /** Devices are recognised by {@link TrustedDevices}, not through Keycloak's credential validation. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return false;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("mfa-trusted-device-display-name")
                .helpText("mfa-trusted-device-help-text")
                .iconCssClass(ICON)
                .removeable(true)
                .build(session);
    }

    /** "Last used 2026-01-31 10:15 UTC from 203.0.113.7" under each device. */
    @Override
    public CredentialMetadata getCredentialMetadata(TrustedDeviceCredentialModel device, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(device);
        metadata.setInfoMessage("mfa-trusted-device-info", LAST_USED.format(Instant.ofEpochMilli(device.getLastUsed())),
                device.getIpAddress() == null ? "?" : device.getIpAddress());
        return metadata;
    }
}
