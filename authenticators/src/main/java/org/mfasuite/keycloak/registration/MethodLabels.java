package org.mfasuite.keycloak.registration;

import org.keycloak.credential.CredentialModel;
import org.mfasuite.keycloak.gateway.PhoneMask;
import org.mfasuite.keycloak.sms.PhoneCredentialModel;

/** How one of a user's methods is named to people: phones masked, others by the label the user gave. */
public final class MethodLabels {

    private MethodLabels() {
    }

    /** The label of a stored credential; never a full phone number. */
    public static String of(CredentialModel credential) {
        if (PhoneCredentialModel.TYPE.equals(credential.getType())) {
            String masked = PhoneCredentialModel.createFromCredentialModel(credential).getMaskedNumber();
            return masked == null ? "" : masked;
        }
        return label(credential.getUserLabel());
    }

    /** The label an event carries for a credential of {@code type}; a phone's is masked should it be a full number. */
    public static String ofEvent(String type, String label) {
        String trimmed = label(label);
        if (PhoneCredentialModel.TYPE.equals(type) && trimmed.startsWith("+") && !trimmed.contains("•")) {
            String masked = PhoneMask.mask(trimmed.replaceAll("[^+0-9]", ""));
            return masked == null ? "" : masked;
        }
        return trimmed;
    }

    /** A user-given label, trimmed and cut to 64 characters (labels come from users and devices). */
    static String label(String userLabel) {
        if (userLabel == null) {
            return "";
        }
        String trimmed = userLabel.strip();
        return trimmed.length() > 64 ? trimmed.substring(0, 64) + "…" : trimmed;
    }
}
