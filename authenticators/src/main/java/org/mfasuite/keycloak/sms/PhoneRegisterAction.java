package org.mfasuite.keycloak.sms;

import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.forms.login.MessageType;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeVerifier;
import org.mfasuite.keycloak.challenge.SendQuota;
import org.mfasuite.keycloak.gateway.PhoneMask;

/**
 * Registers a phone: the user enters a number, receives a code, enters it; only then is the
 * {@code mfa-phone} credential stored, and a page says so. Runs during sign-in and from the Account Console.
 */
public class PhoneRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    static final String NUMBER_TEMPLATE = "mfa-phone-register.ftl";
    static final String CODE_TEMPLATE = "mfa-phone-verify.ftl";
    static final String ADDED_TEMPLATE = "mfa-phone-added.ftl";
    static final String NUMBER_FIELD = "phoneNumber";
    static final String CODE_FIELD = "code";
    static final String ACTION = "mfa-action";
    private static final String PENDING_NUMBER_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".number";
    private static final String ADDED_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".added";

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
        String added = context.getAuthenticationSession().getAuthNote(ADDED_NOTE);
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NUMBER_NOTE);
        if (added != null) {
            context.challenge(addedPage(context, added));
        } else if (pending != null && store(context).load() != null) {
            context.challenge(codePage(context, pending).createForm(CODE_TEMPLATE));
        } else {
            context.challenge(numberPage(context, null).createForm(NUMBER_TEMPLATE));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NUMBER_NOTE);
        String action = form.getFirst(ACTION) == null ? "" : form.getFirst(ACTION);
        if (context.getAuthenticationSession().getAuthNote(ADDED_NOTE) != null) {
            context.getAuthenticationSession().removeAuthNote(ADDED_NOTE);
            context.success();
        } else if (action.equals("send")) {
            sendFirstCode(context, form.getFirst(NUMBER_FIELD));
        } else if (pending == null || action.equals("change-number")) {
            forget(context);
            // the previous number stays in the field, so a typo is fixed, not retyped
            context.challenge(numberPage(context, pending == null ? null : PhoneNumbers.international(pending))
                    .createForm(NUMBER_TEMPLATE));
        } else if (action.equals("resend")) {
            resend(context, pending);
        } else {
            verify(context, pending, form.getFirst(CODE_FIELD));
        }
    }

    private void sendFirstCode(RequiredActionContext context, String typed) {
        PhonePolicy policy = PhonePolicy.of(context.getRealm());
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(typed, policy.defaultRegion());
        String problem = parsed.ok() ? numberProblem(context, policy, parsed.e164()) :
                "mfa-phone-" + parsed.problem().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (problem != null) {
            LoginFormsProvider page = numberPage(context, typed);
            // the number page tells a user at the phone limit by itself
            context.challenge((problem.equals("mfa-phone-too-many") ? page : page.addError(new FormMessage(NUMBER_FIELD, problem)))
                    .createForm(NUMBER_TEMPLATE));
            return;
        }
        // Every registration send waits out the resend delay: numbers typed in a row cannot be pumped.
        SmsCodeSender.Result result = sender(context, policy).send(parsed.e164(), parsed.e164(), true,
                SmsText.Purpose.REGISTRATION, context.getEvent());
        if (!result.sent()) {
            context.challenge(refused(numberPage(context, typed), context, result).createForm(NUMBER_TEMPLATE));
            return;
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NUMBER_NOTE, parsed.e164());
        context.challenge(codePage(context, parsed.e164()).createForm(CODE_TEMPLATE));
    }

    /** Why this number cannot be added: a message key, or null. */
    private static String numberProblem(RequiredActionContext context, PhonePolicy policy, String e164) {
        PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
        if (phones.hasNumber(context.getUser(), e164)) {
            return "mfa-phone-already-registered";
        }
        if (phones.phonesOf(context.getUser()).size() >= policy.maxPhones()) {
            return "mfa-phone-too-many";
        }
        return policy.allows(e164) ? null : "mfa-phone-region-not-allowed";
    }

    private void resend(RequiredActionContext context, String number) {
        SmsCodeSender.Result result = sender(context, PhonePolicy.of(context.getRealm())).send(number, number, true,
                SmsText.Purpose.REGISTRATION, context.getEvent());
        LoginFormsProvider page = codePage(context, number);
        context.challenge((result.sent() ? page.setSuccess("mfa-sms-code-resent") : refused(page, context, result))
                .createForm(CODE_TEMPLATE));
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
                PhonePolicy policy = PhonePolicy.of(context.getRealm());
                PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
                // Checked again: another tab may have added this number, or phones up to the limit, meanwhile.
                if (!phones.hasNumber(context.getUser(), number)) {
                    if (phones.phonesOf(context.getUser()).size() >= policy.maxPhones()) {
                        context.challenge(numberPage(context, null).createForm(NUMBER_TEMPLATE));
                        return;
                    }
                    phones.createCredential(context.getRealm(), context.getUser(), PhoneCredentialModel.createFromNumber(number));
                }
                context.getEvent().detail(SmsEvents.RESULT, "valid").success();
                context.getAuthenticationSession().setAuthNote(ADDED_NOTE, number);
                context.challenge(addedPage(context, number));
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

    /** Says once, at the level it deserves, why no code went out; the send button waits as long as needed. */
    private static LoginFormsProvider refused(LoginFormsProvider page, RequiredActionContext context, SmsCodeSender.Result result) {
        SendNotice notice = SendNotice.of(result, sentAgo(context), "mfa-phone-region-not-allowed");
        return page.setAttribute("mfaWait", result.waitSeconds()).setMessage(notice.type(), notice.key(), notice.args());
    }

    /** The number page; a user who has the most phones allowed is told at once, with no send button. */
    private LoginFormsProvider numberPage(RequiredActionContext context, String typed) {
        PhonePolicy policy = PhonePolicy.of(context.getRealm());
        int registered = PhoneCredentialProvider.of(context.getSession()).phonesOf(context.getUser()).size();
        LoginFormsProvider page = form(context, new RegisterPage(typed, null, registered > 0, settings(context)))
                .setAttribute("mfaExample", PhoneNumbers.example(policy.defaultRegion()))
                .setAttribute("mfaFull", registered >= policy.maxPhones());
        return registered >= policy.maxPhones()
                ? page.addError(new FormMessage(NUMBER_FIELD, "mfa-phone-too-many", policy.maxPhones())) : page;
    }

    private LoginFormsProvider codePage(RequiredActionContext context, String number) {
        // the user's own number, typed a moment ago: shown in full so a typo can be spotted
        return form(context, new RegisterPage(number, PhoneNumbers.international(number), true, settings(context)));
    }

    private Response addedPage(RequiredActionContext context, String number) {
        return context.form().setAttribute("mfaPhone", new RegisterPage(number, PhoneMask.mask(number), true, settings(context)))
                .createForm(ADDED_TEMPLATE);
    }

    /** Every page shows when the next code can be sent, so its send button waits instead of failing. */
    private static LoginFormsProvider form(RequiredActionContext context, RegisterPage page) {
        long wait = new SendQuota(context.getSession().singleUseObjects()).userWaitSeconds(context.getRealm().getId(),
                context.getUser().getId(), Time.currentTime(), PhonePolicy.of(context.getRealm()).limits(), true);
        return context.form().setAttribute("mfaPhone", page).setAttribute("mfaWait", wait)
                .setAttribute("mfaHelpdesk", PhonePolicy.of(context.getRealm()).helpdesk());
    }

    private static long sentAgo(RequiredActionContext context) {
        return Math.max(0, new SendQuota(context.getSession().singleUseObjects()).secondsSinceUsersLatest(
                context.getRealm().getId(), context.getUser().getId(), Time.currentTime(),
                PhonePolicy.of(context.getRealm()).limits()));
    }

    private void forget(RequiredActionContext context) {
        store(context).clear();
        context.getAuthenticationSession().removeAuthNote(PENDING_NUMBER_NOTE);
    }

    private SmsCodeSender sender(RequiredActionContext context, PhonePolicy policy) {
        return new SmsCodeSender(context.getSession(), context.getRealm(), context.getUser(), settings(context), policy,
                store(context), PhoneRegisterActionFactory.PROVIDER_ID);
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

    /** Template model: the number as typed (or pending), how the code page shows it, and the code's terms. */
    public static final class RegisterPage {
        private final String number;
        private final String shown;
        private final boolean adding;
        private final int codeLength;
        private final int ttlMinutes;

        RegisterPage(String number, String shown, boolean adding, SmsSettings settings) {
            this.number = number;
            this.shown = shown;
            this.adding = adding;
            this.codeLength = settings.code().length();
            this.ttlMinutes = Math.max(1, settings.code().ttlSeconds() / 60);
        }

        public String getNumber() {
            return number == null ? "" : number;
        }

        public String getShown() {
            return shown == null ? "" : shown;
        }

        /** The user has a phone already: the page adds one rather than registering the first. */
        public boolean isAdding() {
            return adding;
        }

        public int getCodeLength() {
            return codeLength;
        }

        public int getTtlMinutes() {
            return ttlMinutes;
        }
    }
}
