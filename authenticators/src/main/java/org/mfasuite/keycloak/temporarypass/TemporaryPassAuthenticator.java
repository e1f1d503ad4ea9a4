package org.mfasuite.keycloak.temporarypass;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.access.FlowPolicies;
import org.mfasuite.keycloak.challenge.BruteForce;
import org.mfasuite.keycloak.core.SecondFactor;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.registration.RegisterPrompt;
import org.mfasuite.keycloak.registration.SecurityEmails;

/**
 * The temporary access pass step ({@code mfa-temporary-pass}). Where no user is known yet (the first factor, in
 * place of Keycloak's Username Password Form) it shows that same form and takes the pass in the password field
 * instead of the password: a right pass signs the user in and counts as the second factor too; anything else is
 * checked as the password, by Keycloak's own code. Where a user is known (a second-factor step) it asks for the
 * pass alone ("Sign in another way" lists it last). A used pass marks the sign-in ({@link SecondFactor#markPassGiven}); a user without any method is
 * then prompted to register one. Never in the direct grant: it only answers browser forms.
 */
public class TemporaryPassAuthenticator extends UsernamePasswordForm {

    static final String FIELD = "mfaPass";
    static final String TEMPLATE = "mfa-temporary-pass.ftl";
    static final String METHOD = "mfa_method";
    static final String RESULT = "mfa_result";
    static final String METHOD_ID = "temporary-pass";
    /** Set once the first factor was given through this step in this sign-in. */
    static final String FIRST_FACTOR_NOTE = "mfa-temporary-pass.first-factor";

    public TemporaryPassAuthenticator(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (firstFactor(context)) {
            // its only "other way" would be the password form it stands in for: no "Try another way" link
            context.setAuthenticationSelections(List.of());
            super.authenticate(context);
        } else {
            // the same page whether or not the user has a pass: it does not tell who has one
            context.challenge(passForm(context, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (firstFactor(context)) {
            context.setAuthenticationSelections(List.of());
            super.action(context);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        UserModel user = context.getUser();
        BruteForce bruteForce = new BruteForce(context.getSession(), context.getRealm(), user);
        if (bruteForce.isLockedOut()) {
            context.getEvent().user(user).detail(METHOD, METHOD_ID).error(Errors.USER_TEMPORARILY_DISABLED);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    passForm(context, "mfa-temporary-pass-invalid"));
            return;
        }
        TemporaryPassCredentialProvider.Used used = getCredentialProvider(context.getSession())
                .use(context.getRealm(), user, form.getFirst(FIELD));
        if (used.result() == TemporaryPassCredentialModel.Result.VALID) {
            bruteForce.succeeded();
            passed(context, user, used.record());
            context.success();
            return;
        }
        if (used.result() == TemporaryPassCredentialModel.Result.WRONG) {
            bruteForce.failedStep();
        }
        refused(context, user, used.result());
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, passForm(context, message(used.result())));
    }

    /** The first factor's password field: a right pass signs in; anything else is the password, checked by Keycloak. */
    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
                                    MultivaluedMap<String, String> inputData, boolean clearUser) {
        TemporaryPassCredentialProvider provider = getCredentialProvider(context.getSession());
        boolean lockedBefore = user != null
                && BruteForce.forPasswords(context.getSession(), context.getRealm(), user).isLockedOut();
        // a locked-out user gets Keycloak's own answer, whatever was typed (its form checks the lock-out itself); a
        // disabled user's pass is never used up (Keycloak checks "enabled" only after the password)
        if (user != null && user.isEnabled() && provider.current(user).isPresent() && !lockedBefore) {
            TemporaryPassCredentialProvider.Used used = provider.use(context.getRealm(), user,
                    inputData.getFirst(CredentialRepresentation.PASSWORD));
            if (used.result() == TemporaryPassCredentialModel.Result.VALID) {
                context.getAuthenticationSession().setAuthNote(FIRST_FACTOR_NOTE, "pass");
                passed(context, user, used.record());
                return true;
            }
            if (!fallsThroughToPassword(used.result())) {
                // the right pass, at the wrong time: say so rather than call it a wrong password
                refused(context, user, used.result());
                Response page = challenge(context, message(used.result()), CredentialRepresentation.PASSWORD);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
                return false;
            }
        }
        boolean valid = super.validatePassword(context, user, inputData, clearUser);
        if (user != null && (valid || countsAsFailure(inputData.getFirst(CredentialRepresentation.PASSWORD),
                lockedBefore))) {
            // Keycloak counts a failed step under the step's category, and counts only password, otp and recovery
            // codes: a wrong password here is reported as a password failure, as its own form's is; a right one is
            // recorded as a password, so the sign-in's success clears failures as after its own form
            if (valid) {
                AuthenticatorUtil.addAuthCredential(context.getAuthenticationSession(), PasswordCredentialModel.TYPE);
                context.getAuthenticationSession().setAuthNote(FIRST_FACTOR_NOTE, "password");
                // a pass given earlier on this page (another user's, say) is no factor of this sign-in
                SecondFactor.clearPassGiven(context.getAuthenticationSession());
            } else {
                BruteForce.forPasswords(context.getSession(), context.getRealm(), user).failedStep();
            }
        }
        return valid;
    }

    /**
     * Whether this step stands for the first factor: no user yet, or the user is asked to sign in again and has given
     * no first factor in this sign-in, and this step is no second-factor step of the flow. Otherwise it asks for the
     * pass alone: the password is never taken as a second factor.
     */
    private static boolean firstFactor(AuthenticationFlowContext context) {
        if (context.getUser() == null) {
            return true;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(AuthenticationManager.FORCED_REAUTHENTICATION) == null) {
            return false;
        }
        boolean passwordGiven = authSession.getAuthNote(FIRST_FACTOR_NOTE) != null
                || AuthenticatorUtil.getAuthnCredentials(authSession).contains(PasswordCredentialModel.TYPE);
        boolean secondFactorStep = passwordGiven || context.getTopLevelFlow() == null
                || FlowPolicies.steps(context.getSession(), context.getRealm(), context.getTopLevelFlow().getId())
                        .secondFactorSteps().containsKey(context.getExecution().getId());
        return firstFactor(true, true, passwordGiven, secondFactorStep);
    }

    /** {@link #firstFactor(AuthenticationFlowContext)} on its facts. */
    static boolean firstFactor(boolean userKnown, boolean forcedReauthentication, boolean firstFactorGiven,
                               boolean secondFactorStep) {
        return !userKnown || forcedReauthentication && !firstFactorGiven && !secondFactorStep;
    }

    /**
     * Whether the password field's input is checked as the password after this answer about the pass: a wrong pass,
     * or one whose realm key is gone (a rotated key must not lock its users out of their password).
     */
    static boolean fallsThroughToPassword(TemporaryPassCredentialModel.Result result) {
        return result == TemporaryPassCredentialModel.Result.WRONG
                || result == TemporaryPassCredentialModel.Result.NO_KEY;
    }

    /** Whether a refused password counts towards the lock-out: something was typed, and the user was not locked out. */
    static boolean countsAsFailure(String password, boolean lockedOutBefore) {
        return password != null && !password.isEmpty() && !lockedOutBefore;
    }

    private static void passed(AuthenticationFlowContext context, UserModel user, TemporaryPassCredentialModel pass) {
        SecondFactor.markPassGiven(context.getAuthenticationSession(), user);
        SignInNode.tag(context.getEvent()).detail(METHOD, METHOD_ID)
                .detail(Details.CREDENTIAL_TYPE, TemporaryPassCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, pass.getId()).detail(RESULT, "valid");
        SecurityEmails.of(context.getSession(), context.getRealm()).send(user, SecurityEmails.Kind.TEMPORARY_PASS_USED,
                new SecurityEmails.Method("", null));
        RealmModel realm = context.getRealm();
        if (RegisterPrompt.enabled(realm)
                && SecondFactor.factorsOf(context.getSession(), realm, user).isEmpty()) {
            // what the pass is for: the user registers a method in this sign-in
            RegisterPrompt.require(context.getSession(), realm, user, context.getAuthenticationSession(), false);
        }
    }

    private static void refused(AuthenticationFlowContext context, UserModel user,
                                TemporaryPassCredentialModel.Result result) {
        String id = result.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        SignInNode.tag(context.getEvent()).user(user).detail(METHOD, METHOD_ID)
                .detail(Details.CREDENTIAL_TYPE, TemporaryPassCredentialModel.TYPE).detail(RESULT, id)
                .error(result == TemporaryPassCredentialModel.Result.WRONG ? Errors.INVALID_USER_CREDENTIALS
                        : Errors.EXPIRED_CODE);
    }

    private static String message(TemporaryPassCredentialModel.Result result) {
        return switch (result) {
            case USED -> "mfa-temporary-pass-used";
            case EXPIRED -> "mfa-temporary-pass-expired";
            case NOT_YET_VALID -> "mfa-temporary-pass-not-yet-valid";
            default -> "mfa-temporary-pass-invalid";
        };
    }

    private static Response passForm(AuthenticationFlowContext context, String error) {
        var form = context.form();
        if (error != null) {
            form.addError(new FormMessage(FIELD, error));
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return getCredentialProvider(session).hasLive(user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    /**
     * Not a {@code CredentialValidator} on purpose: Keycloak leaves credential steps out of a flow's alternatives
     * until a user is known, and this step must come first while none is.
     */
    private static TemporaryPassCredentialProvider getCredentialProvider(KeycloakSession session) {
        return TemporaryPassCredentialProvider.of(session);
    }
}
