package org.mfasuite.keycloak.push;

import java.io.IOException;

import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.push.delivery.PushTarget;

/**
 * An enrolled push device: its name (the credential's label), platform, pseudonymous device id, public key and
 * where it wants wake-ups. Nothing secret is stored: the private key never leaves the device.
 */
public class PushDeviceCredentialModel extends CredentialModel {

    public static final String TYPE = "mfa-push-device";

    private final DeviceData device;

    /**
     * Credential data as stored: {@code {"deviceId":"…","platform":"android","x":"…","y":"…","keyThumbprint":"…",
     * "push":{"kind":"webpush","endpoint":"…","p256dh":"…","auth":"…"},"keyUpdated":1700000000000}}.
     */
    public record DeviceData(String deviceId, String platform, String x, String y, String keyThumbprint,
                             PushTarget push, long keyUpdated) {
    }

    private PushDeviceCredentialModel(DeviceData device) {
        this.device = device;
    }

    public static PushDeviceCredentialModel create(String name, String platform, String deviceId, DeviceKey key,
                                                   PushTarget push, long nowMillis) {
        PushDeviceCredentialModel model = new PushDeviceCredentialModel(
                new DeviceData(deviceId, platform, key.x(), key.y(), key.thumbprint(), push, nowMillis));
        model.setType(TYPE);
        model.setUserLabel(name);
        model.setCreatedDate(nowMillis);
        model.write();
        return model;
    }

    public static PushDeviceCredentialModel createFromCredentialModel(CredentialModel stored) {
        DeviceData device = read(stored.getCredentialData());
        PushDeviceCredentialModel model = new PushDeviceCredentialModel(device);
        model.copyIdentity(stored);
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        return model;
    }

    /** The same device with a new key (rotation). */
    public PushDeviceCredentialModel withKey(DeviceKey key, long nowMillis) {
        return with(new DeviceData(device.deviceId(), device.platform(), key.x(), key.y(), key.thumbprint(),
                device.push(), nowMillis));
    }

    /** The same device with new push settings ({@code null}: polling only). */
    public PushDeviceCredentialModel withPush(PushTarget push) {
        return with(new DeviceData(device.deviceId(), device.platform(), device.x(), device.y(),
                device.keyThumbprint(), push, device.keyUpdated()));
    }

    private PushDeviceCredentialModel with(DeviceData data) {
        PushDeviceCredentialModel changed = new PushDeviceCredentialModel(data);
        changed.copyIdentity(this);
        changed.write();
        return changed;
    }

    private void copyIdentity(CredentialModel from) {
        setId(from.getId());
        setType(from.getType());
        setUserLabel(from.getUserLabel());
        setCreatedDate(from.getCreatedDate());
        setFederationLink(from.getFederationLink());
    }

    public String getDeviceId() {
        return device.deviceId();
    }

    public String getPlatform() {
        return device.platform();
    }

    public String getKeyThumbprint() {
        return device.keyThumbprint();
    }

    public DeviceKey getKey() {
        return DeviceKey.of(device.x(), device.y());
    }

    /** Where wake-ups go; null or empty: the device polls. */
    public PushTarget getPush() {
        return device.push();
    }

    private void write() {
        try {
            setCredentialData(JsonSerialization.writeValueAsString(device));
            setSecretData("{}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeviceData read(String json) {
        try {
            return json == null ? new DeviceData(null, null, null, null, null, null, 0)
                    : JsonSerialization.readValue(json, DeviceData.class);
        } catch (IOException | RuntimeException e) {
            return new DeviceData(null, null, null, null, null, null, 0);
        }
    }
}
