package org.mfasuite.keycloak.sms;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.gateway.PhoneMask;

/**
 * A verified phone number the user can receive codes on. The number is credential data (not secret);
 * the credential has no secret: codes live in the authentication session.
 */
public class PhoneCredentialModel extends CredentialModel {

    public static final String TYPE = "mfa-phone";

    private final PhoneData phoneData;

    /**
     * Credential data as stored: {@code {"phoneNumber":"+46701234567"}}; a landline, registered for calls only where
     * the realm allows it, adds {@code "landline":true}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneData(String phoneNumber, Boolean landline) {
    }

    private PhoneCredentialModel(PhoneData phoneData) {
        this.phoneData = phoneData;
    }

    /** A new credential for a number the user has just proved they hold. */
    public static PhoneCredentialModel createFromNumber(String e164) {
        return createFromNumber(e164, false);
    }

    /** @param landline the number cannot receive texts: codes reach it by call only */
    public static PhoneCredentialModel createFromNumber(String e164, boolean landline) {
        PhoneCredentialModel model = new PhoneCredentialModel(new PhoneData(e164, landline ? Boolean.TRUE : null));
        model.setType(TYPE);
        model.setUserLabel(PhoneMask.mask(e164));
        model.setCreatedDate(Time.currentTimeMillis());
        model.setSecretData("{}");
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(model.phoneData));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return model;
    }

    public static PhoneCredentialModel createFromCredentialModel(CredentialModel stored) {
        PhoneData data;
        try {
            data = JsonSerialization.readValue(stored.getCredentialData(), PhoneData.class);
        } catch (IOException | RuntimeException e) {
            data = new PhoneData(null, null);
        }
        PhoneCredentialModel model = new PhoneCredentialModel(data);
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        model.setFederationLink(stored.getFederationLink());
        return model;
    }

    public String getPhoneNumber() {
        return phoneData.phoneNumber();
    }

    /** A landline: calls only, never texts. */
    public boolean isLandline() {
        return Boolean.TRUE.equals(phoneData.landline());
    }

    public String getMaskedNumber() {
        return PhoneMask.mask(phoneData.phoneNumber());
    }
}
