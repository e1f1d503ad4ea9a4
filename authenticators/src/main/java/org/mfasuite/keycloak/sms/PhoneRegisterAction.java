package org.mfasuite.keycloak.sms;

import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeVerifier;
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
    private static final String GATEWAY_FAILED = "mfa-sms-gateway-failed";

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
            // the previous number stays in the field, so a typo is fixed, not retyped
            context.challenge(numberPage(context, pending == null ? null : PhoneNumbers.international(pending))
                    .createForm(NUMBER_TEMPLATE));
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
            String key = "mfa-phone-" + parsed.problem().name().toLowerCase(Locale.ROOT).replace('_', '-');
            context.challenge(numberPage(context, typed).addError(new FormMessage(NUMBER_FIELD, key)).createForm(NUMBER_TEMPLATE));
            return;
        }
        PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
        if (phones.hasNumber(context.getUser(), parsed.e164())) {
            context.challenge(numberPage(context, typed)
                    .addError(new FormMessage(NUMBER_FIELD, "mfa-phone-already-registered")).createForm(NUMBER_TEMPLATE));
            return;
        }
        int maxPhones = PhoneRegisterActionFactory.maxPhones(context.getConfig() == null ? null : context.getConfig().getConfig());
        if (phones.phonesOf(context.getUser()).size() >= maxPhones) {
            context.challenge(numberPage(context, typed)
                    .addError(new FormMessage(NUMBER_FIELD, "mfa-phone-too-many", maxPhones)).createForm(NUMBER_TEMPLATE));
            return;
        }
        // Every registration send waits out the resend delay: numbers typed in a row cannot be pumped.
        SmsCodeSender.Result result = sender(context, settings).send(parsed.e164(), parsed.e164(), true, context.getEvent());
        if (!result.sent()) {
            context.challenge(numberPage(context, typed)
                    .setError(result.problemKey(GATEWAY_FAILED), result.problemArgs()).createForm(NUMBER_TEMPLATE));
            return;
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NUMBER_NOTE, parsed.e164());
        context.challenge(codePage(context, parsed.e164()).createForm(CODE_TEMPLATE));
    }

    private void resend(RequiredActionContext context, String number) {
        SmsCodeSender.Result result = sender(context, settings(context)).send(number, number, true, context.getEvent());
        LoginFormsProvider page = codePage(context, number);
        context.challenge((result.sent() ? page.setInfo("mfa-sms-code-resent")
                : page.setError(result.problemKey(GATEWAY_FAILED), result.problemArgs())).createForm(CODE_TEMPLATE));
    }

    private void verify(RequiredActionContext context, String number, String entered) {
        SmsSettings settings = settings(context);
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE);
        SmsEvents.describe(context.getEvent(), SmsEvents.STEP_CHECK, PhoneMask.mask(number));
        CodeVerifier.Verdict verdict = CodeVerifier.of(context.getSession(), context.getRealm(), store(context), settings.code())
                .verify(entered, number::equals);
        switch (verdict.result()) {
            case VALID -> {
                context.getAuthenticationSession().removeAuthNote(PENDING_NUMBER_NOTE);
                PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
                // Checked again: another tab may have registered the number meanwhile.
                if (!phones.hasNumber(context.getUser(), number)) {
                    phones.createCredential(context.getRealm(), context.getUser(), PhoneCredentialModel.createFromNumber(number));
                }
                context.getEvent().detail(SmsEvents.RESULT, "valid");
                context.success();
            }
            case MALFORMED -> context.challenge(codePage(context, number)
                    .addError(new FormMessage(CODE_FIELD, "mfa-sms-code-format", settings.code().length())).createForm(CODE_TEMPLATE));
            case WRONG -> codeFailure(context, number, "wrong_code", verdict.attemptsLeft() > 0
                    ? new FormMessage(CODE_FIELD, "mfa-sms-code-invalid-tries", verdict.attemptsLeft())
                    : new FormMessage(CODE_FIELD, "mfa-sms-code-exhausted"));
            case EXPIRED -> codeFailure(context, number, "expired_code", new FormMessage(CODE_FIELD, "mfa-sms-code-expired"));
            case EXHAUSTED -> codeFailure(context, number, "too_many_tries", new FormMessage(CODE_FIELD, "mfa-sms-code-exhausted"));
        }
    }

    private void codeFailure(RequiredActionContext context, String number, String reason, FormMessage message) {
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail(SmsEvents.RESULT, reason)
                .detail(Details.REASON, reason).error(Errors.INVALID_CODE);
        context.challenge(codePage(context, number).addError(message).createForm(CODE_TEMPLATE));
    }

    private LoginFormsProvider numberPage(RequiredActionContext context, String typed) {
        return context.form().setAttribute("mfaPhone", new RegisterPage(typed, null));
    }

    private LoginFormsProvider codePage(RequiredActionContext context, String number) {
        // the user's own number, typed a moment ago: shown in full so a typo can be spotted
        return context.form().setAttribute("mfaPhone", new RegisterPage(number, PhoneNumbers.international(number)));
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
        return ChallengeStore.of(context.getAuthenticationSession(), PhoneRegisterActionFactory.PROVIDER_ID);
    }

    private static SmsSettings settings(RequiredActionContext context) {
        return SmsSettings.from(context.getConfig() == null ? null : context.getConfig().getConfig());
    }

    @Override
    public void close() {
    }

    /** Template model: the number as typed (or pending), and how the code page shows it. */
    public static final class RegisterPage {
        private final String number;
        private final String shown;

        RegisterPage(String number, String shown) {
            this.number = number;
            this.shown = shown;
        }

        public String getNumber() {
            return number == null ? "" : number;
        }

        public String getShown() {
            return shown == null ? "" : shown;
        }
    }
}
