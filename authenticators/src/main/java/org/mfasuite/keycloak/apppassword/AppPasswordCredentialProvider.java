package org.mfasuite.keycloak.apppassword;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.common.util.Time;
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
import org.keycloak.models.credential.PasswordCredentialModel;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.RealmPepperKeys;
import org.mfasuite.keycloak.core.LastUseRecord;

/** Stores, lists, checks and revokes a user's app passwords; the only class that touches their secrets. */
public class AppPasswordCredentialProvider implements CredentialProvider<AppPasswordCredentialModel>, CredentialInputValidator,
        LastUseRecord {

    static final String ICON = "fa fa-key list-view-pf-icon-lg";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final KeycloakSession session;

    public AppPasswordCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    public static AppPasswordCredentialProvider of(KeycloakSession session) {
        return (AppPasswordCredentialProvider) session.getProvider(CredentialProvider.class, AppPasswordCredentialModel.TYPE);
    }

    /** A new app password and its stored record; the secret exists only in this value, shown once. */
    public record Created(AppPasswordCredentialModel stored, AppPasswordSecret password) {
    }

    /** A check's result, and the record it was made against (null when none matched the public id). */
    public record Checked(AppPasswordCredentialModel.Result result, AppPasswordCredentialModel record) {
    }

    @Override
    public String getType() {
        return AppPasswordCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, AppPasswordCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    /** The stored last use (written at most once a minute, {@link LastUse}), epoch milliseconds. */
    @Override
    public Long lastUsed(CredentialModel credential) {
        long at = AppPasswordCredentialModel.createFromCredentialModel(credential).getData().lastUsedAt();
        return at > 0 ? at * 1000 : null;
    }

    @Override
    public AppPasswordCredentialModel getCredentialFromModel(CredentialModel model) {
        return AppPasswordCredentialModel.createFromCredentialModel(model);
    }

    /** The user's app passwords, oldest first. */
    public List<AppPasswordCredentialModel> list(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .map(AppPasswordCredentialModel::createFromCredentialModel)
                .sorted(Comparator.comparing(c -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()))
                .toList();
    }

    /**
     * Makes and stores a new app password; empty when the realm has no readable HMAC key to hash it with.
     *
     * @param expiresAt epoch seconds, 0 for none
     */
    public Optional<Created> create(RealmModel realm, UserModel user, String label, List<String> clients, long expiresAt) {
        Optional<Pepper> pepper = new RealmPepperKeys(session, realm).active();
        if (pepper.isEmpty()) {
            return Optional.empty();
        }
        Set<String> taken = list(user).stream().map(AppPasswordCredentialModel::getPublicId).collect(Collectors.toSet());
        AppPasswordSecret password = AppPasswordSecret.generate();
        while (taken.contains(password.publicId())) {
            password = AppPasswordSecret.generate();
        }
        AppPasswordCredentialModel model = AppPasswordCredentialModel.create(label, user.getId(), password, pepper.get(),
                clients, expiresAt, passwordDate(user));
        CredentialModel stored = createCredential(realm, user, model);
        return Optional.of(new Created(AppPasswordCredentialModel.createFromCredentialModel(stored), password));
    }

    /**
     * Checks what a client sent as the password; empty when it is not one of the user's app passwords (not shaped
     * like one, or no app password has its public id), so it may be the real password. One record, one HMAC,
     * whatever the number of app passwords.
     */
    public Optional<Checked> check(RealmModel realm, UserModel user, String typed, String clientId,
                                   AppPasswordSettings settings) {
        Optional<AppPasswordSecret> parsed = AppPasswordSecret.parse(typed);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<AppPasswordCredentialModel> record = list(user).stream()
                .filter(c -> parsed.get().publicId().equals(c.getPublicId())).findFirst();
        return record.map(r -> new Checked(r.check(parsed.get(), user.getId(), new RealmPepperKeys(session, realm),
                Time.currentTime(), clientId, passwordDate(user), settings.revokeOnPasswordChange()), r));
    }

    /** Writes the use when it is due (at most once a minute per app password, cluster-wide). */
    public void recordUse(UserModel user, AppPasswordCredentialModel record, String ip) {
        long now = Time.currentTime();
        if (new LastUse(session.singleUseObjects()).shouldRecord(record.getId(), record.getData().lastUsedAt(), now)) {
            user.credentialManager().updateStoredCredential(record.usedAt(now, ip));
        }
    }

    /** The user's password as app passwords remember it: its credential's created date (a new password has a new one). */
    static Long passwordDate(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
    }

    /** Whether a new password has revoked this app password (it is refused, and removed when next presented). */
    boolean isRevoked(UserModel user, AppPasswordCredentialModel record, AppPasswordSettings settings) {
        return settings.revokeOnPasswordChange()
                && !java.util.Objects.equals(passwordDate(user), record.getData().passwordDate());
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

    /** App passwords are checked by the sign-in step through {@link #check}, which knows the client. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return false;
    }

    /** Creation is offered only while the realm allows app passwords. */
    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        RealmModel realm = session.getContext().getRealm();
        boolean allowed = realm == null || AppPasswordSettings.of(realm).allowed();
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("mfa-app-password-display-name")
                .helpText("mfa-app-password-help-text")
                .iconCssClass(ICON)
                .createAction(allowed ? AppPasswordCreateActionFactory.PROVIDER_ID : null)
                .removeable(true)
                .build(session);
    }

    /** The Account Console's line under the name: last use (time, address), expiry, revoked. */
    @Override
    public CredentialMetadata getCredentialMetadata(AppPasswordCredentialModel credential, CredentialTypeMetadata type) {
        CredentialMetadata metadata = new CredentialMetadata();
        metadata.setCredentialModel(credential);
        AppPasswordCredentialModel.Data data = credential.getData();
        if (data.lastUsedAt() > 0) {
            metadata.setInfoMessage("mfa-app-password-last-used", SHOWN.format(Instant.ofEpochSecond(data.lastUsedAt())),
                    data.lastUsedIp() == null ? "" : data.lastUsedIp());
        } else {
            metadata.setInfoMessage("mfa-app-password-never-used");
        }
        // the Account Console shows a warning only when it has both a title and a description
        String expires = data.expiresAt() > 0 ? SHOWN.format(Instant.ofEpochSecond(data.expiresAt())) : null;
        if (credential.isExpired(Time.currentTime())) {
            metadata.setWarningMessageTitle("mfa-app-password-expired");
            metadata.setWarningMessageDescription("mfa-app-password-expired-since", expires);
        } else if (expires != null) {
            metadata.setWarningMessageTitle("mfa-app-password-expiry");
            metadata.setWarningMessageDescription("mfa-app-password-expires", expires);
        }
        return metadata;
    }
}
