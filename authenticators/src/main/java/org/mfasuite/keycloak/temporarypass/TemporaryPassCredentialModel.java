package org.mfasuite.keycloak.temporarypass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.challenge.Pepper;

/**
 * A user's temporary access pass (at most one). Credential data holds who issued it and when it is valid; secret
 * data only {@code HMAC-SHA256(pepper, "mfa-temporary-pass" | user id | salt | pass)} and the realm key's id: a
 * 60-bit random pass needs no slow hash, and without the realm's key a database dump verifies nothing.
 */
public class TemporaryPassCredentialModel extends CredentialModel {

    public static final String TYPE = "mfa-temporary-pass";
    private static final String LABEL = TYPE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Data data;
    private final Secret secret;

    /**
     * @param createdBy   the admin's username (null when issued otherwise)
     * @param createdById the admin's user id
     * @param startsAt    epoch seconds from which it works
     * @param expiresAt   epoch seconds from which it no longer works
     * @param oneTime     whether one sign-in uses it up
     * @param usedAt      epoch seconds of its last (for a one-time pass: only) use; 0 when never used
     */
    public record Data(String createdBy, String createdById, long startsAt, long expiresAt, boolean oneTime,
                       long usedAt) {
    }

    /** @param kid the realm key the pepper came from; @param salt random, hex; @param hash see the class */
    public record Secret(String kid, String salt, String hash) {
    }

    /** A check's answer, in the order it is decided. */
    public enum Result {
        VALID, WRONG, NOT_YET_VALID, EXPIRED, USED, NO_KEY
    }

    /** What the pass is now, for the admin. */
    public enum Status {
        SCHEDULED, ACTIVE, EXPIRED, USED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private TemporaryPassCredentialModel(Data data, Secret secret) {
        this.data = data;
        this.secret = secret;
    }

    /** A new record for {@code pass} (normalised), hashed with {@code pepper}; not stored yet. */
    static TemporaryPassCredentialModel create(String userId, String pass, Pepper pepper, Data data) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        TemporaryPassCredentialModel model = new TemporaryPassCredentialModel(data,
                new Secret(pepper.kid(), saltHex, hash(pepper, userId, saltHex, pass)));
        model.setType(TYPE);
        model.setCreatedDate(Time.currentTimeMillis());
        model.writeJson();
        return model;
    }

    public static TemporaryPassCredentialModel createFromCredentialModel(CredentialModel stored) {
        try {
            Data data = JsonSerialization.readValue(stored.getCredentialData(), Data.class);
            Secret secret = stored.getSecretData() == null ? null
                    : JsonSerialization.readValue(stored.getSecretData(), Secret.class);
            TemporaryPassCredentialModel model = new TemporaryPassCredentialModel(data, secret);
            model.setId(stored.getId());
            model.setType(stored.getType());
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Unreadable temporary access pass " + stored.getId(), e);
        }
    }

    public Data getData() {
        return data;
    }

    /** The same record, used at {@code now}. */
    TemporaryPassCredentialModel usedAt(long now) {
        TemporaryPassCredentialModel used = new TemporaryPassCredentialModel(new Data(data.createdBy(),
                data.createdById(), data.startsAt(), data.expiresAt(), data.oneTime(), now), secret);
        used.setId(getId());
        used.setType(getType());
        used.setUserLabel(getUserLabel());
        used.setCreatedDate(getCreatedDate());
        used.writeJson();
        return used;
    }

    public Status status(long now) {
        if (data.oneTime() && data.usedAt() > 0) {
            return Status.USED;
        }
        if (now >= data.expiresAt()) {
            return Status.EXPIRED;
        }
        return now < data.startsAt() ? Status.SCHEDULED : Status.ACTIVE;
    }

    /**
     * Checks a typed pass (normalised) at {@code now}. The secret is compared first, in constant time, so that
     * the answer for a wrong pass never says whether one exists, is used or has expired.
     */
    Result check(String typed, String userId, Function<String, Optional<Pepper>> pepperByKid, long now) {
        if (secret == null || typed == null) {
            return Result.WRONG;
        }
        Optional<Pepper> pepper = pepperByKid.apply(secret.kid());
        if (pepper.isEmpty()) {
            return Result.NO_KEY;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(secret.hash());
        } catch (IllegalArgumentException e) {
            return Result.WRONG;
        }
        if (!MessageDigest.isEqual(expected, mac(pepper.get(), userId, secret.salt(), typed))) {
            return Result.WRONG;
        }
        return switch (status(now)) {
            case USED -> Result.USED;
            case EXPIRED -> Result.EXPIRED;
            case SCHEDULED -> Result.NOT_YET_VALID;
            case ACTIVE -> Result.VALID;
        };
    }

    private void writeJson() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(data));
            setSecretData(JsonSerialization.writeValueAsString(secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(Pepper pepper, String userId, String salt, String pass) {
        return Base64.getEncoder().encodeToString(mac(pepper, userId, salt, pass));
    }

    private static byte[] mac(Pepper pepper, String userId, String salt, String pass) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.secret(), "HmacSHA256"));
            String message = LABEL + '\0' + userId + '\0' + salt + '\0' + pass;
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
