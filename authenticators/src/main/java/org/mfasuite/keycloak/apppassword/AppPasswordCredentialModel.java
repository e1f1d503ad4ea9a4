package org.mfasuite.keycloak.apppassword;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.challenge.Pepper;
import org.mfasuite.keycloak.challenge.PepperKeys;

/**
 * One app password of a user. The user's name for it is the credential's label. Credential data (shown to
 * the user and admins, exported with the realm) holds the public id, restrictions and last use; secret data holds
 * only the keyed hash and the id of the realm key it was made with.
 */
public class AppPasswordCredentialModel extends CredentialModel {

    public static final String TYPE = "mfa-app-password";
    /** Longest name a user may give one. */
    static final int MAX_LABEL = 40;

    private final Data data;
    private final Secret secret;

    /**
     * @param publicId     the first group of the app password; selects this record
     * @param clients      client ids it may be used with; empty: any client
     * @param expiresAt    epoch seconds after which it is refused; 0: never
     * @param lastUsedAt   epoch seconds of the last recorded use; 0: never used
     * @param lastUsedIp   the client address of that use
     * @param passwordDate the user's password (its credential's created date) when this was made; a new password
     *                     revokes it. Null when the user had no password.
     */
    public record Data(String publicId, List<String> clients, long expiresAt, long lastUsedAt, String lastUsedIp,
                       Long passwordDate) {
        public Data {
            clients = clients == null ? List.of() : List.copyOf(clients);
        }
    }

    /** @param kid the realm key the pepper came from; @param hash {@link AppPasswordHash} */
    public record Secret(String kid, String hash) {
    }

    /** What a check of a typed app password against this record says, in the order it is decided. */
    public enum Result {
        /** The secret is right and nothing restricts it. */
        VALID,
        /** The secret is wrong (counted as a failed login). */
        WRONG,
        /** The realm key it was hashed with is gone: it can never be checked again. */
        NO_KEY,
        /** The user's password changed after it was made. */
        REVOKED,
        EXPIRED,
        /** Right secret, but made for other clients. */
        CLIENT_NOT_ALLOWED
    }

    private AppPasswordCredentialModel(Data data, Secret secret) {
        this.data = data;
        this.secret = secret;
    }

    /** A new record for {@code password}, hashed with {@code pepper}; not stored yet. */
    static AppPasswordCredentialModel create(String label, String userId, AppPasswordSecret password, Pepper pepper,
                                             List<String> clients, long expiresAt, Long passwordDate) {
        AppPasswordCredentialModel model = new AppPasswordCredentialModel(
                new Data(password.publicId(), clients, expiresAt, 0, null, passwordDate),
                new Secret(pepper.kid(), AppPasswordHash.of(pepper, userId, password)));
        model.setType(TYPE);
        model.setUserLabel(label);
        model.setCreatedDate(Time.currentTimeMillis());
        model.writeJson();
        return model;
    }

    public static AppPasswordCredentialModel createFromCredentialModel(CredentialModel stored) {
        Data data;
        Secret secret;
        try {
            data = JsonSerialization.readValue(stored.getCredentialData(), Data.class);
        } catch (IOException | RuntimeException e) {
            data = null;
        }
        try {
            secret = stored.getSecretData() == null ? null : JsonSerialization.readValue(stored.getSecretData(), Secret.class);
        } catch (IOException | RuntimeException e) {
            secret = null;
        }
        AppPasswordCredentialModel model = new AppPasswordCredentialModel(
                data == null ? new Data(null, List.of(), 0, 0, null, null) : data, secret);
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        model.setFederationLink(stored.getFederationLink());
        return model;
    }

    /**
     * Checks a typed app password. The secret is checked first: expiry, revocation and clients are said only to
     * whoever holds the right secret.
     *
     * @param now          epoch seconds
     * @param clientId     the client asking
     * @param passwordDate the user's password's created date now (null: no password)
     * @param revokeOnPasswordChange whether a new password revokes this app password
     */
    public Result check(AppPasswordSecret typed, String userId, PepperKeys keys, long now, String clientId,
                        Long passwordDate, boolean revokeOnPasswordChange) {
        if (secret == null || !typed.publicId().equals(data.publicId())) {
            return Result.WRONG;
        }
        Optional<Pepper> pepper = keys.byKid(secret.kid());
        if (pepper.isEmpty()) {
            return Result.NO_KEY;
        }
        if (!AppPasswordHash.matches(pepper.get(), userId, typed, secret.hash())) {
            return Result.WRONG;
        }
        if (revokeOnPasswordChange && !Objects.equals(passwordDate, data.passwordDate())) {
            return Result.REVOKED;
        }
        if (isExpired(now)) {
            return Result.EXPIRED;
        }
        return allows(clientId) ? Result.VALID : Result.CLIENT_NOT_ALLOWED;
    }

    boolean isExpired(long now) {
        return data.expiresAt() > 0 && now >= data.expiresAt();
    }

    boolean allows(String clientId) {
        return data.clients().isEmpty() || data.clients().contains(clientId);
    }

    /** The same record with a new last use; the caller stores it. */
    AppPasswordCredentialModel usedAt(long now, String ip) {
        AppPasswordCredentialModel model = new AppPasswordCredentialModel(new Data(data.publicId(), data.clients(),
                data.expiresAt(), now, ip, data.passwordDate()), secret);
        model.setId(getId());
        model.setType(TYPE);
        model.setUserLabel(getUserLabel());
        model.setCreatedDate(getCreatedDate());
        model.setFederationLink(getFederationLink());
        model.writeJson();
        return model;
    }

    public Data getData() {
        return data;
    }

    public String getPublicId() {
        return data.publicId();
    }

    private void writeJson() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(data));
            setSecretData(JsonSerialization.writeValueAsString(secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
