package org.mfasuite.keycloak.registration;

import java.util.Set;

/**
 * Which credentials an admin reset removes: every second-factor method and what rides on one (phones, OTP,
 * recovery codes, push devices, remembered devices, app passwords, hardware tokens waiting for activation,
 * temporary access passes); security keys and passkeys only when asked; never the password.
 */
public final class ResetScope {

    /** Removed by every reset, whatever their metadata says. */
    static final Set<String> ALWAYS = Set.of("mfa-phone", "otp", "recovery-authn-codes", "mfa-trusted-device",
            "mfa-app-password", "mfa-push-device", "mfa-oath-pending", "mfa-temporary-pass");
    /** Removed only with {@code includePasskeys=true}: they may be the user's only way to sign in. */
    static final Set<String> PASSKEYS = Set.of("webauthn", "webauthn-passwordless");

    private ResetScope() {
    }

    /**
     * @param isMethod whether the type is an installed second-factor method (credential metadata two-factor or
     *                 passwordless), so methods the suite adds later are covered
     */
    public static boolean removes(String type, boolean isMethod, boolean includePasskeys) {
        if (type == null || type.equals("password")) {
            return false;
        }
        if (PASSKEYS.contains(type)) {
            return includePasskeys;
        }
        return ALWAYS.contains(type) || isMethod;
    }
}
