package org.mfasuite.keycloak.trust;

import java.io.IOException;

import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A remembered device: its name (the credential's label), the client address it was remembered from, when it
 * was last used, and the hash of the secret its cookie holds. The secret itself is never stored.
 */
public class TrustedDeviceCredentialModel extends CredentialModel {

    public static final String TYPE = "mfa-trusted-device";

    private final DeviceData device;
    private final SecretData secret;

    /** Credential data as stored: {@code {"ipAddress":"203.0.113.7","lastUsed":1700000000000}}. */
    public record DeviceData(String ipAddress, long lastUsed) {
    }

    /** Secret data as stored: {@code {"tokenHash":"<base64url SHA-256>"}}. */
    public record SecretData(String tokenHash) {
    }

    private TrustedDeviceCredentialModel(DeviceData device, SecretData secret) {
        this.device = device;
        this.secret = secret;
    }

    /** A device remembered at {@code nowMillis} from {@code ipAddress}. */
    public static TrustedDeviceCredentialModel create(String name, String ipAddress, String tokenHash, long nowMillis) {
        TrustedDeviceCredentialModel model = new TrustedDeviceCredentialModel(new DeviceData(ipAddress, nowMillis),
                new SecretData(tokenHash));
        model.setType(TYPE);
        model.setUserLabel(name);
        model.setCreatedDate(nowMillis);
        model.write();
        return model;
    }

    public static TrustedDeviceCredentialModel createFromCredentialModel(CredentialModel stored) {
        DeviceData device = read(stored.getCredentialData(), DeviceData.class, new DeviceData(null, 0));
        SecretData secret = read(stored.getSecretData(), SecretData.class, new SecretData(null));
        TrustedDeviceCredentialModel model = new TrustedDeviceCredentialModel(device, secret);
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        model.setFederationLink(stored.getFederationLink());
        return model;
    }

    /** The same device, last used at {@code nowMillis}. */
    public TrustedDeviceCredentialModel usedAt(long nowMillis) {
        TrustedDeviceCredentialModel used = new TrustedDeviceCredentialModel(
                new DeviceData(device.ipAddress(), nowMillis), secret);
        used.setId(getId());
        used.setType(getType());
        used.setUserLabel(getUserLabel());
        used.setCreatedDate(getCreatedDate());
        used.setFederationLink(getFederationLink());
        used.write();
        return used;
    }

    /** The client address the device was remembered from. */
    public String getIpAddress() {
        return device.ipAddress();
    }

    public long getLastUsed() {
        return device.lastUsed() > 0 ? device.lastUsed() : getCreatedDate() == null ? 0 : getCreatedDate();
    }

    public String getTokenHash() {
        return secret.tokenHash();
    }

    private void write() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(device));
            setSecretData(JsonSerialization.writeValueAsString(secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type, T fallback) {
        try {
            return json == null ? fallback : JsonSerialization.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
