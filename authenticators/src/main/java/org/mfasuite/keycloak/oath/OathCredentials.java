package org.mfasuite.keycloak.oath;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * A token as Keycloak's own OTP credential (type {@code otp}): its algorithm, digits, period or counter, the
 * secret base32-encoded ({@code secretEncoding=BASE32}, as hardware secrets are bytes, not text), and the label.
 * Keycloak's OTP form and {@code OTPCredentialProvider} verify it like an authenticator app.
 */
public final class OathCredentials {

    private OathCredentials() {
    }

    public static CredentialModel otp(OathToken token) {
        OTPCredentialData data = new OTPCredentialData(token.kind().subType(), token.digits(), token.counter(),
                token.kind() == OathToken.Kind.TOTP ? token.period() : 0, token.algorithm(),
                OTPCredentialModel.SecretEncoding.BASE32.name());
        CredentialModel model = new CredentialModel();
        model.setType(OTPCredentialModel.TYPE);
        model.setUserLabel(token.label());
        model.setCreatedDate(Time.currentTimeMillis());
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(data));
            model.setSecretData(JsonSerialization.writeValueAsString(
                    new OTPSecretData(Base32Secret.encode(token.secret()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }
}
