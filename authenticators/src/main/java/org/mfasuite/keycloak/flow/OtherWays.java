package org.mfasuite.keycloak.flow;

import java.util.List;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationSelectionOption;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.credential.CredentialModel;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * The user's other ways of a sign-in step, shown once: as the page's own "Sign in another way" list (template
 * attribute {@value #ATTRIBUTE}, read by {@code mfa-macros.ftl}), not a second time as Keycloak's "Try Another
 * Way" link, which the login layouts render whenever the step has alternatives. Only the page is affected: Keycloak
 * builds the list anew for every request and checks a picked way against it.
 */
public final class OtherWays {

    public static final String ATTRIBUTE = "mfaWays";
    /** The name of Keycloak's OTP way for a user with hardware tokens (a message key), else absent. */
    public static final String OTP_LABEL = "mfaOtpLabel";
    private static final String KEPT = OtherWays.class.getName();

    private OtherWays() {
    }

    /** The step's ways as Keycloak listed them for this request (also after {@link #onPage}). */
    @SuppressWarnings("unchecked")
    public static List<AuthenticationSelectionOption> of(AuthenticationFlowContext context) {
        Object kept = context.getSession().getAttribute(KEPT);
        if (kept instanceof List<?> list) {
            return (List<AuthenticationSelectionOption>) list;
        }
        List<AuthenticationSelectionOption> ways = context.getAuthenticationSelections();
        return ways == null ? List.of() : List.copyOf(ways);
    }

    /**
     * Whether the user can use a step of this authenticator: the user has set it up, or it needs no user and says
     * it works for this one (a temporary access pass step needs none, and works only for a user with a live pass).
     * Keycloak also lists steps that check no credential (a call step) for users who lack what they need.
     */
    public static boolean usable(AuthenticationFlowContext context, String authenticatorId) {
        KeycloakSession session = context.getSession();
        if (!(session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId)
                instanceof AuthenticatorFactory factory)) {
            return false;
        }
        Authenticator authenticator = factory.create(session);
        if (!authenticator.requiresUser() && context.getUser() == null) {
            return true;
        }
        return authenticator.configuredFor(session, context.getRealm(), context.getUser());
    }

    /** Puts the ways on the page's own list and takes them off Keycloak's link. */
    public static LoginFormsProvider onPage(AuthenticationFlowContext context, LoginFormsProvider form) {
        List<AuthenticationSelectionOption> ways = of(context);
        context.getSession().setAttribute(KEPT, ways);
        context.setAuthenticationSelections(List.of());
        String otpLabel = otpLabel(context.getUser());
        if (otpLabel != null) {
            form.setAttribute(OTP_LABEL, otpLabel);
        }
        return form.setAttribute(ATTRIBUTE, ways);
    }

    /**
     * Keycloak names its OTP way "Authenticator Application" also for a hardware token (an imported OATH token:
     * an OTP credential whose secret is stored base32-encoded): "Hardware token" when all the user's OTP
     * credentials are tokens, "Authenticator app or hardware token" when they have both; null when none is.
     */
    static String otpLabel(UserModel user) {
        if (user == null) {
            return null;
        }
        List<CredentialModel> otps = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
        long tokens = otps.stream().filter(OtherWays::isHardwareToken).count();
        return tokens == 0 ? null : tokens == otps.size() ? "mfa-otp-hardware-token" : "mfa-otp-app-or-token";
    }

    private static boolean isHardwareToken(CredentialModel credential) {
        try {
            return OTPCredentialModel.SecretEncoding.BASE32.name().equals(
                    OTPCredentialModel.createFromCredentialModel(credential).getOTPCredentialData().getSecretEncoding());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
