package org.mfasuite.keycloak.core;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The one rule for what counts as a sign-in's second factor, and when registering a method may stand in for it.
 * <p>
 * Registering stands in for this sign-in's second factor only for a user who has no second factor at all that the
 * realm accepts anywhere: with a phished password an attacker must not be able to register a method of their own
 * instead of giving the one the user has. A user who has one gives it first (a step of the flow); only then may a
 * stronger one be registered (a passkey for a phishing-resistant requirement). A user whose factor has no usable
 * step in this flow is refused, never offered a registration.
 */
public final class SecondFactor {

    /**
     * Credential types that are second factors: phone, OTP (authenticator apps and hardware tokens), WebAuthn,
     * passkeys, push devices, recovery codes. App passwords and remembered devices are not: they ride on a factor.
     */
    public static final Set<String> TYPES = Set.of("mfa-phone", "otp", "webauthn", "webauthn-passwordless",
            "mfa-push-device", "recovery-authn-codes");

    /**
     * Set when this sign-in gave a temporary access pass ({@code mfa-temporary-pass}): it counts as the sign-in's
     * second factor (for {@code mfa}, and as the factor given before registering a stronger one), but it is no
     * method the user has ({@link #factorsOf} never lists it): its purpose is to register one.
     */
    public static final String PASS_NOTE = "mfa.second-factor.pass";

    /** What a sign-in whose second-factor requirement is not met does next. */
    public enum Next {
        /** Register a method; registering counts as this sign-in's second factor. */
        REGISTER,
        /** The user has a phishing-resistant method and did not use it. */
        REFUSE_PHISHING_RESISTANT,
        /** The user could give a factor in this flow and did not (e.g. a client that cannot ask). */
        REFUSE_NOT_GIVEN,
        /** The user has a factor, and no step of this flow can take it: the helpdesk, never a registration. */
        REFUSE_NO_USABLE_STEP
    }

    private SecondFactor() {
    }

    public static boolean isFactor(String credentialType) {
        return TYPES.contains(credentialType);
    }

    /** Records that this sign-in gave {@code user}'s temporary access pass ({@link #PASS_NOTE}: the user's id). */
    public static void markPassGiven(AuthenticationSessionModel authSession, UserModel user) {
        authSession.setAuthNote(PASS_NOTE, user.getId());
    }

    /** Forgets a pass given earlier in this sign-in (the first factor was given by password). */
    public static void clearPassGiven(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(PASS_NOTE);
    }

    /** Whether this sign-in gave a temporary access pass, and it was the pass of the user signing in. */
    public static boolean passGiven(AuthenticationSessionModel authSession) {
        if (authSession == null || authSession.getAuthenticatedUser() == null) {
            return false;
        }
        String note = authSession.getAuthNote(PASS_NOTE);
        return note != null && note.equals(authSession.getAuthenticatedUser().getId());
    }

    /** Whether registering may stand in for the second factor: the user has none, or gave one in this sign-in. */
    public static boolean mayRegisterInstead(boolean hasFactor, boolean given) {
        return !hasFactor || given;
    }

    /**
     * The rule, for a sign-in that has not met its requirement.
     *
     * @param phishingResistant    the requirement is a phishing-resistant method
     * @param hasFactor            the user has a second factor the realm accepts anywhere ({@link #factorsOf})
     * @param given                a second-factor step succeeded in this sign-in (it met no stricter requirement)
     * @param usableForRequirement the user has set up a step of this flow that meets the requirement
     * @param usableAny            the user has set up some second-factor step of this flow
     */
    public static Next next(boolean phishingResistant, boolean hasFactor, boolean given, boolean usableForRequirement,
                            boolean usableAny) {
        if (phishingResistant && usableForRequirement) {
            return Next.REFUSE_PHISHING_RESISTANT;
        }
        if (mayRegisterInstead(hasFactor, given)) {
            return Next.REGISTER;
        }
        return usableAny ? Next.REFUSE_NOT_GIVEN : Next.REFUSE_NO_USABLE_STEP;
    }

    /** The user's second-factor credential types of kinds that some enabled step of any of the realm's flows checks. */
    public static Set<String> factorsOf(KeycloakSession session, RealmModel realm, UserModel user) {
        Set<String> own = user.credentialManager().getStoredCredentialsStream().map(CredentialModel::getType)
                .filter(SecondFactor::isFactor).collect(Collectors.toSet());
        if (own.isEmpty()) {
            return own;
        }
        Set<String> accepted = acceptedBy(session, realm);
        own.retainAll(accepted);
        return own;
    }

    /** The credential types the enabled executions of all the realm's flows check. */
    static Set<String> acceptedBy(KeycloakSession session, RealmModel realm) {
        Set<String> types = new HashSet<>();
        realm.getAuthenticationFlowsStream().forEach(flow -> realm.getAuthenticationExecutionsStream(flow.getId())
                .filter(e -> !e.isAuthenticatorFlow()
                        && e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> checkedType(session, e)).filter(Objects::nonNull).forEach(types::add));
        return types;
    }

    /** The credential type a step checks (its authenticator's reference category); null for a sub-flow or none. */
    public static String checkedType(KeycloakSession session, AuthenticationExecutionModel execution) {
        if (execution == null || execution.isAuthenticatorFlow() || execution.getAuthenticator() == null) {
            return null;
        }
        ProviderFactory<?> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, execution.getAuthenticator());
        return factory instanceof AuthenticatorFactory a ? a.getReferenceCategory() : null;
    }
}
