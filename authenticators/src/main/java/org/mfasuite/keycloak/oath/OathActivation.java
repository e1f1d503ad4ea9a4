package org.mfasuite.keycloak.oath;

import java.util.Comparator;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.models.utils.TimeBasedOTP;

/**
 * Optional activation: while the realm has the required action {@code mfa-oath-activate} enabled, an assigned token
 * is stored as {@code mfa-oath-pending} — the OTP credential's exact data under a type Keycloak's OTP form ignores —
 * and the user proves it with one code at the next sign-in; then its type becomes {@code otp} (same id, same data).
 */
public final class OathActivation {

    public static final String PENDING_TYPE = "mfa-oath-pending";

    private OathActivation() {
    }

    /** The realm's setting: the required action registered and enabled (Authentication → Required actions). */
    public static boolean required(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(OathActivateActionFactory.PROVIDER_ID);
        return action != null && action.isEnabled();
    }

    /** The credential to store for an assignment: {@code otp}, or pending when activation is required. */
    public static CredentialModel forAssignment(RealmModel realm, OathToken token) {
        CredentialModel model = OathCredentials.otp(token);
        if (required(realm)) {
            model.setType(PENDING_TYPE);
        }
        return model;
    }

    /** After storing: a pending token puts the activation on the user. */
    public static void afterAssignment(UserModel user, CredentialModel stored) {
        if (PENDING_TYPE.equals(stored.getType())) {
            user.addRequiredAction(OathActivateActionFactory.PROVIDER_ID);
        }
    }

    /** The user's oldest pending token, if any. */
    public static Optional<CredentialModel> pending(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PENDING_TYPE)
                .min(Comparator.comparingLong(c -> c.getCreatedDate() == null ? 0 : c.getCreatedDate()));
    }

    /**
     * Checks a code against a pending token with Keycloak's own OTP code (look-ahead as the realm's OTP policy);
     * on success returns the activated credential ({@code otp}, HOTP counter moved on), to be stored.
     */
    public static Optional<CredentialModel> activate(CredentialModel pending, String code, int lookAhead) {
        CredentialModel asOtp = copy(pending);
        asOtp.setType(OTPCredentialModel.TYPE);
        OTPCredentialModel otp = OTPCredentialModel.createFromCredentialModel(asOtp);
        OTPCredentialData data = otp.getOTPCredentialData();
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        if (OTPCredentialModel.HOTP.equals(data.getSubType())) {
            int next = new HmacOTP(data.getDigits(), data.getAlgorithm(), lookAhead)
                    .validateHOTP(typed, otp.getDecodedSecret(), data.getCounter());
            if (next < 0) {
                return Optional.empty();
            }
            otp.updateCounter(next);
            asOtp.setCredentialData(otp.getCredentialData());
            return Optional.of(asOtp);
        }
        boolean valid = new TimeBasedOTP(data.getAlgorithm(), data.getDigits(), data.getPeriod(), lookAhead)
                .validateTOTP(typed, otp.getDecodedSecret());
        return valid ? Optional.of(asOtp) : Optional.empty();
    }

    private static CredentialModel copy(CredentialModel c) {
        CredentialModel out = new CredentialModel();
        out.setId(c.getId());
        out.setType(c.getType());
        out.setUserLabel(c.getUserLabel());
        out.setCreatedDate(c.getCreatedDate());
        out.setSecretData(c.getSecretData());
        out.setCredentialData(c.getCredentialData());
        return out;
    }
}
