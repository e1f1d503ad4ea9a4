package org.mfasuite.keycloak.sms;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;
import org.mfasuite.keycloak.gateway.PhoneMask;

/**
 * Registers a phone: the user enters a number, receives a code, enters it; only then is the
 * {@code mfa-phone} credential stored. Runs during sign-in and from the Account Console.
 */
public class PhoneRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    static final String NUMBER_TEMPLATE = "mfa-phone-register.ftl";
    static final String CODE_TEMPLATE = "mfa-phone-verify.ftl";
    static final String NUMBER_FIELD = "phoneNumber";
    static final String CODE_FIELD = "code";
    private static final String PENDING_NUMBER_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".number";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NUMBER_NOTE);
        context.challenge(pending != null && store(context).load() != null
                ? codePage(context, pending).createForm(CODE_TEMPLATE)
                : numberPage(context, null).createForm(NUMBER_TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NUMBER_NOTE);
        if (form.containsKey("change-number") || (pending == null && !form.containsKey(NUMBER_FIELD))) {
            forget(context);
            context.challenge(numberPage(context, null).createForm(NUMBER_TEMPLATE));
        } else if (form.containsKey(NUMBER_FIELD)) {
            sendFirstCode(context, form.getFirst(NUMBER_FIELD));
        } else if (form.containsKey("resend")) {
            resend(context, pending);
        } else {
            verify(context, pending, form.getFirst(CODE_FIELD));
        }
    }

    private void sendFirstCode(RequiredActionContext context, String typed) {
        SmsSettings settings = settings(context);
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(typed, settings.defaultRegion());
        if (!parsed.ok()) {
            String key = "mfa-phone-" + parsed.problem().name().toLowerCase().replace('_', '-');
            context.challenge(numberPage(context, typed).addError(new FormMessage(NUMBER_FIELD, key)).createForm(NUMBER_TEMPLATE));
            return;
        }
        if (credentials(context).hasNumber(context.getUser(), parsed.e164())) {
            context.challenge(numberPage(context, typed)
                    .addError(new FormMessage(NUMBER_FIELD, "mfa-phone-already-registered")).createForm(NUMBER_TEMPLATE));
            return;
        }
        SmsCodeSender.Result result = sender(context, settings).send(parsed.e164(), parsed.e164(), false, context.getEvent());
        if (!result.sent()) {
            context.challenge(sendProblem(numberPage(context, typed), result).createForm(NUMBER_TEMPLATE));
            return;
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NUMBER_NOTE, parsed.e164());
        context.challenge(codePage(context, parsed.e164()).setInfo("mfa-sms-code-sent", PhoneMask.mask(parsed.e164()))
                .createForm(CODE_TEMPLATE));
    }

    private void resend(RequiredActionContext context, String number) {
        SmsCodeSender.Result result = sender(context, settings(context)).send(number, number, true, context.getEvent());
        LoginFormsProvider page = codePage(context, number);
        context.challenge((result.sent() ? page.setInfo("mfa-sms-code-resent") : sendProblem(page, result)).createForm(CODE_TEMPLATE));
    }

    private void verify(RequiredActionContext context, String number, String entered) {
        SmsSettings settings = settings(context);
        ChallengeStore store = store(context);
        CodeChallenge pending = store.load();
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE);
        SmsEvents.describe(context.getEvent(), SmsEvents.STEP_CHECK, PhoneMask.mask(number));
        long now = Time.currentTime();
        CodeChallenge.Outcome outcome = pending == null || !number.equals(pending.target())
                ? CodeChallenge.Outcome.EXPIRED : pending.check(entered, now, settings.code().maxAttempts());
        if (outcome == CodeChallenge.Outcome.VALID && !context.getSession().singleUseObjects()
                .putIfAbsent("mfa-code-used:" + pending.id(), Math.max(1, pending.expiresAt() - now))) {
            outcome = CodeChallenge.Outcome.EXPIRED;
        }
        switch (outcome) {
            case VALID -> {
                store.clear();
                context.getAuthenticationSession().removeAuthNote(PENDING_NUMBER_NOTE);
                credentials(context).createCredential(context.getRealm(), context.getUser(),
                        PhoneCredentialModel.createFromNumber(number));
                context.getEvent().detail(SmsEvents.RESULT, "valid");
                context.success();
            }
            case WRONG -> {
                CodeChallenge counted = pending.withFailedAttempt();
                store.save(counted);
                int left = counted.attemptsLeft(settings.code().maxAttempts());
                codeFailure(context, number, "wrong_code",
                        left > 0 ? new FormMessage(CODE_FIELD, "mfa-sms-code-invalid-tries", left)
                                : new FormMessage(CODE_FIELD, "mfa-sms-code-exhausted"));
            }
            case EXPIRED -> codeFailure(context, number, "expired_code", new FormMessage(CODE_FIELD, "mfa-sms-code-expired"));
            case EXHAUSTED -> codeFailure(context, number, "too_many_tries", new FormMessage(CODE_FIELD, "mfa-sms-code-exhausted"));
        }
    }

    private void codeFailure(RequiredActionContext context, String number, String reason, FormMessage message) {
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail(SmsEvents.RESULT, reason)
                .detail(Details.REASON, reason).error(Errors.INVALID_CODE);
        context.challenge(codePage(context, number).addError(message).createForm(CODE_TEMPLATE));
    }

    private static LoginFormsProvider sendProblem(LoginFormsProvider page, SmsCodeSender.Result result) {
        return switch (result.status()) {
            case TOO_SOON -> page.setError("mfa-sms-resend-too-soon", result.seconds());
            case LIMITED -> page.setError("mfa-sms-send-limit", Math.max(1, (result.seconds() + 59) / 60));
            default -> page.setError("mfa-sms-gateway-failed-registration");
        };
    }

    private LoginFormsProvider numberPage(RequiredActionContext context, String typed) {
        return context.form().setAttribute("mfaPhone", new RegisterPage(typed, null));
    }

    private LoginFormsProvider codePage(RequiredActionContext context, String number) {
        return context.form().setAttribute("mfaPhone", new RegisterPage(number, PhoneMask.mask(number)));
    }

    private void forget(RequiredActionContext context) {
        store(context).clear();
        context.getAuthenticationSession().removeAuthNote(PENDING_NUMBER_NOTE);
    }

    private SmsCodeSender sender(RequiredActionContext context, SmsSettings settings) {
        return new SmsCodeSender(context.getSession(), context.getRealm(), context.getUser(), settings, store(context),
                PhoneRegisterActionFactory.PROVIDER_ID);
    }

    private static ChallengeStore store(RequiredActionContext context) {
        return new ChallengeStore(context.getAuthenticationSession(), PhoneRegisterActionFactory.PROVIDER_ID);
    }

    private static SmsSettings settings(RequiredActionContext context) {
        return SmsSettings.from(context.getConfig() == null ? null : context.getConfig().getConfig());
    }

    private static PhoneCredentialProvider credentials(RequiredActionContext context) {
        return (PhoneCredentialProvider) context.getSession().getProvider(CredentialProvider.class,
                PhoneCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public void close() {
    }

    /** Template model: the number as typed (or pending), and its masked form once a code was sent. */
    public static final class RegisterPage {
        private final String number;
        private final String masked;

        RegisterPage(String number, String masked) {
            this.number = number;
            this.masked = masked;
        }

        public String getNumber() {
            return number == null ? "" : number;
        }

        public String getMasked() {
            return masked == null ? "" : masked;
        }
    }
}
