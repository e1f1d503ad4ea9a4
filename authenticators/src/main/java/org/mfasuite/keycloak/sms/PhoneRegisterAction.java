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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeVerifier;
import org.mfasuite.keycloak.flow.StepConfig;
import org.mfasuite.keycloak.gateway.PhoneMask;

/**
 * Registers a phone: the user enters a number, receives a code by text or, where the realm has a call step, by
 * call ("Text me" / "Call me"), enters it; only then is the {@code mfa-phone} credential stored, and a page says
 * so. A landline (where the realm allows them) can only be called, and is stored as such. Runs during sign-in and
 * from the Account Console.
 */
public class PhoneRegisterAction implements RequiredActionProvider, CredentialRegistrator {

    private static final String PENDING_NUMBER_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".number";
    private static final String ADDED_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".added";
    /** How the pending code went: {@code sms} or {@code voice}; a new code goes the same way. */
    private static final String PENDING_CHANNEL_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".channel";
    /** Set when the pending number is a landline: it is stored for calls only. */
    private static final String PENDING_LANDLINE_NOTE = PhoneRegisterActionFactory.PROVIDER_ID + ".landline";

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
            context.challenge(form(context).added(added));
        } else if (pending != null && store(context).load() != null) {
            context.challenge(form(context).code(pending, null));
        } else {
            context.challenge(form(context).number(null, null));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NUMBER_NOTE);
        String action = form.getFirst(PhoneCodeForm.ACTION) == null ? "" : form.getFirst(PhoneCodeForm.ACTION);
        if (context.getAuthenticationSession().getAuthNote(ADDED_NOTE) != null
                || action.equals("continue") && form(context).canContinue()) {
            // after "Phone added", or a user with the most phones allowed going on without adding one
            context.getAuthenticationSession().removeAuthNote(ADDED_NOTE);
            context.success();
        } else if (action.equals("send")) {
            sendFirstCode(context, form.getFirst(PhoneRegisterForm.NUMBER_FIELD), PhoneChannel.SMS);
        } else if (action.equals("call") && callsOffered(context.getRealm())) {
            sendFirstCode(context, form.getFirst(PhoneRegisterForm.NUMBER_FIELD), PhoneChannel.VOICE);
        } else if (pending == null || action.equals("change-number")) {
            forget(context);
            // the previous number stays in the field, so a typo is fixed, not retyped
            context.challenge(form(context).number(pending == null ? null : PhoneNumbers.international(pending), null));
        } else if (action.equals("resend")) {
            PhoneCodeSender.Result result = sender(context, pendingChannel(context)).send(pending, pending, true,
                    CodeText.Purpose.REGISTRATION, context.getEvent());
            context.challenge(form(context).codeResent(pending, result));
        } else {
            verify(context, pending, form.getFirst(PhoneCodeForm.CODE_FIELD));
        }
    }

    private void sendFirstCode(RequiredActionContext context, String typed, PhoneChannel channel) {
        PhonePolicy policy = PhonePolicy.of(context.getRealm());
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(typed, policy.defaultRegion(),
                policy.allowLandlines() && callsOffered(context.getRealm()));
        String problem = parsed.ok() ? numberProblem(context, policy, parsed.e164()) :
                "mfa-phone-" + parsed.problem().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (problem == null && parsed.landline() && channel == PhoneChannel.SMS) {
            problem = "mfa-phone-landline-call-only";
        }
        if (problem != null) {
            context.challenge(form(context).number(typed, problem));
            return;
        }
        // Every registration send waits out the resend delay: numbers typed in a row cannot be pumped.
        PhoneCodeSender.Result result = sender(context, channel).send(parsed.e164(), parsed.e164(), true,
                CodeText.Purpose.REGISTRATION, context.getEvent());
        if (!result.sent()) {
            context.challenge(form(context, channel).numberRefused(typed, result));
            return;
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NUMBER_NOTE, parsed.e164());
        context.getAuthenticationSession().setAuthNote(PENDING_CHANNEL_NOTE, channel.method());
        if (parsed.landline()) {
            context.getAuthenticationSession().setAuthNote(PENDING_LANDLINE_NOTE, "true");
        } else {
            context.getAuthenticationSession().removeAuthNote(PENDING_LANDLINE_NOTE);
        }
        context.challenge(form(context).code(parsed.e164(), null));
    }

    /**
     * "Call me" is offered where a call can also sign the user in: the realm has an enabled {@code mfa-voice} step
     * in some flow. Without one, a phone proved by a call would still get texts only, so there is no point.
     */
    static boolean callsOffered(RealmModel realm) {
        return StepConfig.isEnabled(realm, VoiceAuthenticatorFactory.PROVIDER_ID);
    }

    private static PhoneChannel pendingChannel(RequiredActionContext context) {
        return PhoneChannel.VOICE.method().equals(context.getAuthenticationSession().getAuthNote(PENDING_CHANNEL_NOTE))
                ? PhoneChannel.VOICE : PhoneChannel.SMS;
    }

    /** Why this number cannot be added: a message key, or null. */
    private static String numberProblem(RequiredActionContext context, PhonePolicy policy, String e164) {
        PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
        if (phones.hasNumber(context.getUser(), e164)) {
            return "mfa-phone-already-registered";
        }
        if (phones.phonesOf(context.getUser()).size() >= policy.maxPhones()) {
            return "mfa-phone-too-many"; // the number page says so by itself, once
        }
        return policy.allows(e164) ? null : "mfa-phone-region-not-allowed";
    }

    private void verify(RequiredActionContext context, String number, String entered) {
        SmsSettings settings = settings(context);
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PhoneCredentialModel.TYPE);
        SmsEvents.describe(context.getEvent(), pendingChannel(context), SmsEvents.STEP_CHECK, PhoneMask.mask(number));
        CodeVerifier.Verdict verdict = CodeVerifier.of(context.getSession(), context.getRealm(), store(context), settings.code())
                .verify(entered, number::equals);
        switch (verdict.result()) {
            case VALID -> {
                boolean landline = context.getAuthenticationSession().getAuthNote(PENDING_LANDLINE_NOTE) != null;
                forgetPending(context);
                PhoneCredentialProvider phones = PhoneCredentialProvider.of(context.getSession());
                // Checked again: another tab may have added this number, or phones up to the limit, meanwhile.
                if (!phones.hasNumber(context.getUser(), number)) {
                    if (phones.phonesOf(context.getUser()).size() >= PhonePolicy.of(context.getRealm()).maxPhones()) {
                        context.challenge(form(context).number(null, null));
                        return;
                    }
                    phones.createCredential(context.getRealm(), context.getUser(),
                            PhoneCredentialModel.createFromNumber(number, landline));
                }
                context.getEvent().detail(SmsEvents.RESULT, "valid").success();
                context.getAuthenticationSession().setAuthNote(ADDED_NOTE, number);
                context.challenge(form(context).added(number));
            }
            case MALFORMED -> context.challenge(form(context).code(number,
                    new FormMessage(PhoneCodeForm.CODE_FIELD, pendingChannel(context).key("code-format"), settings.code().length())));
            case WRONG -> codeFailure(context, number, "wrong", "wrong_code", verdict.attemptsLeft() > 0
                    ? "mfa-sms-code-invalid-tries" : "mfa-sms-code-exhausted", verdict.attemptsLeft());
            case EXPIRED -> codeFailure(context, number, "expired", "expired_code", "mfa-sms-code-expired");
            case EXHAUSTED -> codeFailure(context, number, "exhausted", "too_many_tries", "mfa-sms-code-exhausted");
        }
    }

    /** @param result the event's {@code mfa_result}, the same values as at sign-in */
    private void codeFailure(RequiredActionContext context, String number, String result, String reason, String messageKey,
                             Object... args) {
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).detail(SmsEvents.RESULT, result)
                .detail(Details.REASON, reason).error(Errors.INVALID_CODE);
        context.challenge(form(context).code(number, new FormMessage(PhoneCodeForm.CODE_FIELD, messageKey, args)));
    }

    /** The pages, knowing the user's phones and when the next code can be sent (asked after any send). */
    private PhoneRegisterForm form(RequiredActionContext context) {
        return form(context, pendingChannel(context));
    }

    /** @param channel how the code went or is going: the pages word what was refused and the code page in its terms */
    private PhoneRegisterForm form(RequiredActionContext context, PhoneChannel channel) {
        int registered = PhoneCredentialProvider.of(context.getSession()).phonesOf(context.getUser()).size();
        return new PhoneRegisterForm(context, settings(context), PhonePolicy.of(context.getRealm()), registered,
                sender(context, channel).waitSeconds(true), callsOffered(context.getRealm()), channel);
    }

    private void forget(RequiredActionContext context) {
        store(context).clear();
        forgetPending(context);
    }

    private static void forgetPending(RequiredActionContext context) {
        context.getAuthenticationSession().removeAuthNote(PENDING_NUMBER_NOTE);
        context.getAuthenticationSession().removeAuthNote(PENDING_CHANNEL_NOTE);
        context.getAuthenticationSession().removeAuthNote(PENDING_LANDLINE_NOTE);
    }

    /** Registration calls come from the gateway's own number and read the code twice ({@link CallSettings#DEFAULTS}). */
    private PhoneCodeSender sender(RequiredActionContext context, PhoneChannel channel) {
        return new PhoneCodeSender(context.getSession(), context.getRealm(), context.getUser(), settings(context),
                PhonePolicy.of(context.getRealm()), store(context), PhoneRegisterActionFactory.PROVIDER_ID, channel,
                CallSettings.DEFAULTS);
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
}
