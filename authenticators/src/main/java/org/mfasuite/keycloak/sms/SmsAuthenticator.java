package org.mfasuite.keycloak.sms;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;
import org.mfasuite.keycloak.challenge.CodeVerifier;

/**
 * Sign-in step: sends a code to one of the user's phones when the step is entered and checks it.
 * Wrong codes are reported to Keycloak's brute-force protector as one-time-code failures.
 */
public class SmsAuthenticator implements Authenticator, CredentialValidator<PhoneCredentialProvider> {

    static final String SELECTED_PHONE_NOTE = SmsAuthenticatorFactory.PROVIDER_ID + ".phone";
    /** The protector counts only its own categories; SMS codes are one-time codes like OTP. */
    private static final Set<String> BRUTE_FORCE_CATEGORY = Set.of(OTPCredentialModel.TYPE);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        List<PhoneCredentialModel> phones = phones(context);
        if (phones.isEmpty()) {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED);
            return;
        }
        CodeChallenge pending = store(context).load();
        PhoneCredentialModel phone = selected(context, phones, null);
        // A refresh or a return to this page must not send another code.
        if (pending != null && pending.target().equals(phone.getId()) && pending.isLive(Time.currentTime())) {
            SmsSettings settings = settings(context);
            SmsForm page = new SmsForm(context, phones, phone, settings);
            boolean usedUp = pending.attemptsLeft(settings.code().maxAttempts()) == 0;
            context.challenge((usedUp ? page.usedUp() : page.codeSent(true)).create());
            return;
        }
        sendTo(context, phones, phone, false);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        List<PhoneCredentialModel> phones = phones(context);
        if (phones.isEmpty()) {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED);
            return;
        }
        if (form.containsKey("resend") || form.containsKey("phone")) {
            sendTo(context, phones, selected(context, phones, form.getFirst("phone")), true);
            return;
        }
        checkCode(context, phones, form.getFirst("code"));
    }

    private void checkCode(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, String entered) {
        SmsSettings settings = settings(context);
        ChallengeStore store = store(context);
        PhoneCredentialModel phone = selected(context, phones, null);
        SmsForm page = new SmsForm(context, phones, phone, settings).codeSent(store.load() != null);
        SmsEvents.describe(context.getEvent().user(context.getUser()), SmsEvents.STEP_CHECK, phone.getMaskedNumber())
                .detail(Details.SELECTED_CREDENTIAL_ID, phone.getId());

        if (isLockedOut(context)) {
            // Like Keycloak's OTP form: a locked-out user learns nothing new, and no code is checked.
            context.getEvent().detail(Details.REASON, "locked_out").error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(page.codeError("mfa-sms-code-invalid").create());
            return;
        }
        // A code sent to a phone the user has since removed no longer counts.
        CodeVerifier.Verdict verdict = CodeVerifier.of(context.getSession(), context.getRealm(), store, settings.code())
                .verify(entered, target -> phones.stream().anyMatch(p -> p.getId().equals(target)));
        switch (verdict.result()) {
            case VALID -> {
                bruteForce(context, true);
                context.getEvent().removeDetail(Details.REASON).detail(SmsEvents.RESULT, "valid");
                context.success(PhoneCredentialModel.TYPE);
            }
            case MALFORMED -> context.challenge(page.codeError("mfa-sms-code-format", settings.code().length()).create());
            case WRONG -> {
                bruteForce(context, false);
                context.getEvent().detail(SmsEvents.RESULT, "wrong").detail(Details.REASON, "wrong_code")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, verdict.attemptsLeft() > 0
                        ? page.codeError("mfa-sms-code-invalid-tries", verdict.attemptsLeft()).create()
                        : page.usedUp().error("mfa-sms-code-exhausted").create());
            }
            case EXPIRED -> {
                context.getEvent().detail(SmsEvents.RESULT, "expired").detail(Details.REASON, "expired_code")
                        .error(Errors.EXPIRED_CODE);
                // with no code pending there is no code field to hang the message on
                boolean pendingAfter = store.load() != null;
                context.challenge(pendingAfter ? page.codeSent(true).codeError("mfa-sms-code-expired").create()
                        : page.codeSent(false).error("mfa-sms-code-expired").create());
            }
            case EXHAUSTED -> {
                context.getEvent().detail(SmsEvents.RESULT, "exhausted").detail(Details.REASON, "too_many_tries")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.challenge(page.usedUp().error("mfa-sms-code-exhausted").create());
            }
        }
    }

    private void sendTo(AuthenticationFlowContext context, List<PhoneCredentialModel> phones,
                        PhoneCredentialModel phone, boolean enforceDelay) {
        SmsSettings settings = settings(context);
        CodeChallenge pending = store(context).load();
        // Where a usable code already went: shown again when no new code can be sent.
        PhoneCredentialModel pendingPhone = pending == null || !pending.isLive(Time.currentTime()) ? null
                : phones.stream().filter(p -> p.getId().equals(pending.target())).findFirst().orElse(null);
        if (isLockedOut(context)) {
            PhoneCredentialModel shown = pendingPhone != null ? pendingPhone : phone;
            context.challenge(new SmsForm(context, phones, shown, settings).codeSent(pendingPhone != null).create());
            return;
        }
        SmsCodeSender.Result result = new SmsCodeSender(context.getSession(), context.getRealm(), context.getUser(),
                settings, store(context), SmsAuthenticatorFactory.PROVIDER_ID)
                .send(phone.getId(), phone.getPhoneNumber(), enforceDelay, context.getEvent());
        SmsForm page;
        if (result.sent()) {
            context.getAuthenticationSession().setAuthNote(SELECTED_PHONE_NOTE, phone.getId());
            page = new SmsForm(context, phones, phone, settings).codeSent(true).info(enforceDelay ? "mfa-sms-code-resent" : null);
        } else {
            PhoneCredentialModel shown = pendingPhone != null ? pendingPhone : phone;
            page = new SmsForm(context, phones, shown, settings).codeSent(pendingPhone != null)
                    .error(result.problemKey("mfa-sms-gateway-failed"), result.problemArgs());
        }
        context.challenge(page.create());
    }

    /** Reports a check to Keycloak's protector; a success also clears earlier one-time-code failures. */
    private static void bruteForce(AuthenticationFlowContext context, boolean success) {
        RealmModel realm = context.getRealm();
        if (!realm.isBruteForceProtected()) {
            return;
        }
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        if (success) {
            protector.successfulLogin(realm, context.getUser(), context.getConnection(), context.getUriInfo(), BRUTE_FORCE_CATEGORY);
        } else {
            protector.failedLogin(realm, context.getUser(), context.getConnection(), context.getUriInfo(), BRUTE_FORCE_CATEGORY);
        }
    }

    private static boolean isLockedOut(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        UserModel user = context.getUser();
        return protector.isPermanentlyLockedOut(context.getSession(), realm, user)
                || protector.isTemporarilyDisabled(context.getSession(), realm, user);
    }

    private PhoneCredentialModel selected(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, String requestedId) {
        String id = requestedId != null ? requestedId : context.getAuthenticationSession().getAuthNote(SELECTED_PHONE_NOTE);
        return phones.stream().filter(p -> p.getId().equals(id)).findFirst().orElse(phones.get(0));
    }

    private List<PhoneCredentialModel> phones(AuthenticationFlowContext context) {
        return getCredentialProvider(context.getSession()).phonesOf(context.getUser());
    }

    private static ChallengeStore store(AuthenticationFlowContext context) {
        return ChallengeStore.of(context.getAuthenticationSession(), SmsAuthenticatorFactory.PROVIDER_ID);
    }

    private static SmsSettings settings(AuthenticationFlowContext context) {
        return SmsSettings.from(context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig());
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return PhoneCredentialProvider.of(session);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return getCredentialProvider(session).isConfiguredFor(realm, user, PhoneCredentialModel.TYPE);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        if (session.getContext().getAuthenticationSession() != null) {
            session.getContext().getAuthenticationSession().addRequiredAction(PhoneRegisterActionFactory.PROVIDER_ID);
        }
    }

    /** Naming the action lets Keycloak fail closed when it is not enabled in the realm. */
    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return List.of((RequiredActionFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RequiredActionProvider.class, PhoneRegisterActionFactory.PROVIDER_ID));
    }

    @Override
    public void close() {
    }
}
