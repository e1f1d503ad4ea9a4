package org.mfasuite.keycloak.temporarypass;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.RealmPepperKeys;

/**
 * Issues, checks, uses and revokes a user's temporary access pass; the only class that touches its secret. One
 * pass per user: a new one replaces the old. A one-time pass is used up cluster-wide at once
 * ({@code singleUseObjects().putIfAbsent}) and then marked used in the database. Never a password: Keycloak's
 * password checks (direct grant, the password form) do not ask this provider.
 */
public class TemporaryPassCredentialProvider implements CredentialProvider<TemporaryPassCredentialModel>,
        CredentialInputValidator {

    private static final String USED_KEY = "mfa-temporary-pass.used:";

    private final KeycloakSession session;

    public TemporaryPassCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    public static TemporaryPassCredentialProvider of(KeycloakSession session) {
        return (TemporaryPassCredentialProvider) session.getProvider(CredentialProvider.class,
                TemporaryPassCredentialModel.TYPE);
    }

    /** A new pass and its stored record; the pass exists only in this value, shown once. */
    public record Issued(TemporaryPassCredentialModel stored, String pass) {
    }

    /** A use's answer and the record it was made against (null when the user has none). */
    public record Used(TemporaryPassCredentialModel.Result result, TemporaryPassCredentialModel record) {
    }

    @Override
    public String getType() {
        return TemporaryPassCredentialModel.TYPE;
    }

    /**
     * Issues a pass for the user, replacing any other.
     *
     * @throws IllegalStateException when the realm has no HMAC key to hash it with
     */
    public Issued issue(RealmModel realm, UserModel user, UserModel admin, int lifetimeMinutes, boolean oneTime,
                        long startsAt, int length) {
        Pepper pepper = new RealmPepperKeys(session, realm).active()
                .orElseThrow(() -> new IllegalStateException("The realm has no active HS512 key"));
        revoke(user);
        String pass = TemporaryPassSecret.generate(length);
        TemporaryPassCredentialModel model = TemporaryPassCredentialModel.create(user.getId(), pass, pepper,
                new TemporaryPassCredentialModel.Data(admin == null ? null : admin.getUsername(),
                        admin == null ? null : admin.getId(), startsAt, startsAt + lifetimeMinutes * 60L, oneTime, 0));
        CredentialModel stored = user.credentialManager().createStoredCredential(model);
        keepNewest(user);
        return new Issued(TemporaryPassCredentialModel.createFromCredentialModel(stored), pass);
    }

    /** The user's pass, live or not; empty when none was issued (or it was revoked). */
    public Optional<TemporaryPassCredentialModel> current(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .sorted(NEWEST_FIRST).map(TemporaryPassCredentialModel::createFromCredentialModel).findFirst();
    }

    /** Whether the user has a pass that works now. */
    public boolean hasLive(UserModel user) {
        long now = Time.currentTime();
        return current(user).filter(p -> p.status(now) == TemporaryPassCredentialModel.Status.ACTIVE).isPresent();
    }

    /** Removes the user's pass(es); whether there was one. */
    public boolean revoke(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(getType()).map(CredentialModel::getId)
                .toList().stream().map(id -> user.credentialManager().removeStoredCredentialById(id))
                .reduce(false, Boolean::logicalOr);
    }

    /** Two issues racing may both have stored a pass: all but the newest (created last, then highest id) go. */
    private void keepNewest(UserModel user) {
        List<CredentialModel> passes = user.credentialManager().getStoredCredentialsByTypeStream(getType())
                .sorted(NEWEST_FIRST).toList();
        passes.stream().skip(1).forEach(p -> user.credentialManager().removeStoredCredentialById(p.getId()));
    }

    static final Comparator<CredentialModel> NEWEST_FIRST = Comparator
            .comparing((CredentialModel c) -> c.getCreatedDate() == null ? 0L : c.getCreatedDate())
            .thenComparing(CredentialModel::getId, Comparator.nullsFirst(Comparator.naturalOrder())).reversed();

    /**
     * Checks a typed pass and, when right, uses it: a one-time pass is claimed cluster-wide first (a second
     * sign-in racing on another node gets {@code USED}), then marked used in the database.
     */
    public Used use(RealmModel realm, UserModel user, String typed) {
        Optional<TemporaryPassCredentialModel> record = current(user);
        if (record.isEmpty()) {
            return new Used(TemporaryPassCredentialModel.Result.WRONG, null);
        }
        TemporaryPassCredentialModel pass = record.get();
        long now = Time.currentTime();
        RealmPepperKeys keys = new RealmPepperKeys(session, realm);
        TemporaryPassCredentialModel.Result result = pass.check(TemporaryPassSecret.normalize(typed), user.getId(),
                keys::byKid, now);
        if (result != TemporaryPassCredentialModel.Result.VALID) {
            return new Used(result, pass);
        }
        if (pass.getData().oneTime()) {
            long lifespan = Math.max(60, pass.getData().expiresAt() - now + 60);
            if (!session.singleUseObjects().putIfAbsent(USED_KEY + pass.getId(), lifespan)) {
                return new Used(TemporaryPassCredentialModel.Result.USED, pass);
            }
        }
        TemporaryPassCredentialModel used = pass.usedAt(now);
        user.credentialManager().updateStoredCredential(used);
        return new Used(result, used);
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, TemporaryPassCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public TemporaryPassCredentialModel getCredentialFromModel(CredentialModel model) {
        return TemporaryPassCredentialModel.createFromCredentialModel(model);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return getType().equals(credentialType);
    }

    /** Configured while the pass works. */
    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && hasLive(user);
    }

    /** Passes are checked by the sign-in step ({@link #use}), never through Keycloak's generic validation. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        return false;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("mfa-temporary-pass-display-name")
                .helpText("mfa-temporary-pass-help-text")
                .iconCssClass("fa fa-ticket list-view-pf-icon-lg")
                .removeable(false)
                .build(session);
    }
}
