package org.mfasuite.keycloak.sms;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;

/**
 * Sign-in step: sends a code to one of the user's phones when the step is entered and checks it.
 * Wrong codes are login failures, so Keycloak's brute-force protection counts them.
 */
public class SmsAuthenticator implements Authenticator, CredentialValidator<PhoneCredentialProvider> {

    static final String SELECTED_PHONE_NOTE = SmsAuthenticatorFactory.PROVIDER_ID + ".phone";

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
        if (pending != null && pending.target().equals(phone.getId()) && Time.currentTime() < pending.expiresAt()) {
            context.challenge(new SmsForm(context, phones, phone, settings(context)).codeSent(true).create());
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
        CodeChallenge pending = store.load();
        PhoneCredentialModel phone = selected(context, phones, null);
        SmsForm page = new SmsForm(context, phones, phone, settings).codeSent(pending != null);
        SmsEvents.describe(context.getEvent().user(context.getUser()), SmsEvents.STEP_CHECK, phone.getMaskedNumber())
                .detail(Details.SELECTED_CREDENTIAL_ID, phone.getId());

        if (isLockedOut(context)) {
            // Like Keycloak's OTP form: a locked-out user learns nothing new, and no code is checked.
            context.getEvent().detail(Details.REASON, "locked_out").error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(page.codeError("mfa-sms-code-invalid").create());
            return;
        }
        // A code sent to a phone the user has since removed no longer counts.
        if (pending == null || phones.stream().noneMatch(p -> p.getId().equals(pending.target()))) {
            context.getEvent().detail(Details.REASON, "no_pending_code").error(Errors.EXPIRED_CODE);
            context.challenge(page.codeError("mfa-sms-code-expired").create());
            return;
        }
        long now = Time.currentTime();
        switch (pending.check(entered, now, settings.code().maxAttempts())) {
            case VALID -> {
                // Single use across the cluster: a replayed POST of the same code loses this race.
                if (!context.getSession().singleUseObjects().putIfAbsent("mfa-code-used:" + pending.id(),
                        Math.max(1, pending.expiresAt() - now))) {
                    context.getEvent().detail(Details.REASON, "code_reused").error(Errors.EXPIRED_CODE);
                    context.challenge(page.codeError("mfa-sms-code-expired").create());
                    return;
                }
                store.clear();
                context.getEvent().removeDetail(Details.REASON).detail(SmsEvents.RESULT, "valid");
                context.success(PhoneCredentialModel.TYPE);
            }
            case WRONG -> {
                CodeChallenge counted = pending.withFailedAttempt();
                store.save(counted);
                int left = counted.attemptsLeft(settings.code().maxAttempts());
                context.getEvent().detail(SmsEvents.RESULT, "wrong").detail(Details.REASON, "wrong_code")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                Response challenge = left > 0
                        ? page.codeError("mfa-sms-code-invalid-tries", left).create()
                        : page.codeError("mfa-sms-code-exhausted").create();
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
            }
            case EXPIRED -> {
                context.getEvent().detail(SmsEvents.RESULT, "expired").detail(Details.REASON, "expired_code")
                        .error(Errors.EXPIRED_CODE);
                context.challenge(page.codeError("mfa-sms-code-expired").create());
            }
            case EXHAUSTED -> {
                context.getEvent().detail(SmsEvents.RESULT, "exhausted").detail(Details.REASON, "too_many_tries")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.challenge(page.codeError("mfa-sms-code-exhausted").create());
            }
        }
    }

    private void sendTo(AuthenticationFlowContext context, List<PhoneCredentialModel> phones,
                        PhoneCredentialModel phone, boolean resend) {
        SmsSettings settings = settings(context);
        context.getAuthenticationSession().setAuthNote(SELECTED_PHONE_NOTE, phone.getId());
        CodeChallenge pending = store(context).load();
        boolean pendingForThisPhone = pending != null && pending.target().equals(phone.getId());
        SmsForm page = new SmsForm(context, phones, phone, settings);
        if (isLockedOut(context)) {
            context.challenge(page.codeSent(pendingForThisPhone).create());
            return;
        }
        SmsCodeSender.Result result = new SmsCodeSender(context.getSession(), context.getRealm(), context.getUser(),
                settings, store(context), SmsAuthenticatorFactory.PROVIDER_ID)
                .send(phone.getId(), phone.getPhoneNumber(), resend && pendingForThisPhone, context.getEvent());
        switch (result.status()) {
            case SENT -> page.codeSent(true).info(resend ? "mfa-sms-code-resent" : null);
            case TOO_SOON -> page.codeSent(pendingForThisPhone).error("mfa-sms-resend-too-soon", result.seconds());
            case LIMITED -> page.codeSent(pendingForThisPhone).error("mfa-sms-send-limit", minutes(result.seconds()));
            case FAILED -> page.codeSent(false).error("mfa-sms-gateway-failed");
        }
        context.challenge(page.create());
    }

    private static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private boolean isLockedOut(AuthenticationFlowContext context) {
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
        return new ChallengeStore(context.getAuthenticationSession(), SmsAuthenticatorFactory.PROVIDER_ID);
    }

    private static SmsSettings settings(AuthenticationFlowContext context) {
        return SmsSettings.from(context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig());
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(CredentialProvider.class, PhoneCredentialProviderFactory.PROVIDER_ID);
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

    @Override
    public void close() {
    }
}
