package org.mfasuite.keycloak.sms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.forms.login.MessageType;
import org.mfasuite.keycloak.challenge.BruteForce;
import org.mfasuite.keycloak.challenge.ChallengeStore;
import org.mfasuite.keycloak.challenge.CodeChallenge;
import org.mfasuite.keycloak.challenge.CodeVerifier;
import org.mfasuite.keycloak.flow.OtherWays;
import org.mfasuite.keycloak.support.SupportDetails;
import org.mfasuite.keycloak.trust.TrustedDevices;

/**
 * Sign-in step, by text ({@link SmsAuthenticator}) or call ({@link VoiceAuthenticator}): sends a code to one of the
 * user's phones the channel reaches and checks it. The code goes out at once when the phone is the user's only
 * method here (text or call alike) or this step was picked in "Try another way"; a user with other methods first
 * sees a one-click "Send code", so reaching the authenticator app costs no SMS.
 */
public abstract class PhoneCodeAuthenticator implements Authenticator {

    static final String SEND_TO = "phone:";

    private final PhoneChannel channel;
    private final String selectedPhoneNote;
    /** Set once a code was sent in this sign-in: later sends wait out the resend delay. */
    private final String sentNote;

    protected PhoneCodeAuthenticator(PhoneChannel channel) {
        this.channel = channel;
        this.selectedPhoneNote = channel.providerId() + ".phone";
        this.sentNote = channel.providerId() + ".sent";
    }

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
            boolean usedUp = pending.attemptsLeft(settings(context).code().maxAttempts()) == 0;
            context.challenge(page(context, phones, phone).state(usedUp ? PhoneCodeForm.State.USED_UP : PhoneCodeForm.State.CODE_SENT)
                    .waitSeconds(userWait(context, true)).create());
            return;
        }
        if (sentBefore(context)) {
            // an earlier send of this sign-in failed or its code is gone: a refresh does not send again
            context.challenge(page(context, phones, phone).state(PhoneCodeForm.State.NOT_SENT)
                    .waitSeconds(userWait(context, true)).create());
        } else if (pickedInChooser(context) || !hasOtherMethods(context)) {
            sendTo(context, phones, phone);
        } else {
            context.challenge(page(context, phones, phone).state(PhoneCodeForm.State.READY)
                    .waitSeconds(userWait(context, sentBefore(context))).create());
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        List<PhoneCredentialModel> phones = phones(context);
        if (phones.isEmpty()) {
            context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED);
            return;
        }
        String action = form.getFirst(PhoneCodeForm.ACTION) == null ? "verify" : form.getFirst(PhoneCodeForm.ACTION);
        if (action.startsWith(SEND_TO)) {
            sendTo(context, phones, selected(context, phones, action.substring(SEND_TO.length())));
        } else if (action.equals("send")) {
            sendTo(context, phones, selected(context, phones, null));
        } else {
            checkCode(context, phones, form.getFirst(PhoneCodeForm.CODE_FIELD));
        }
    }

    private void checkCode(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, String entered) {
        SmsSettings settings = settings(context);
        ChallengeStore store = store(context);
        PhoneCredentialModel phone = selected(context, phones, null);
        PhoneCodeForm page = page(context, phones, phone).state(store.load() != null ? PhoneCodeForm.State.CODE_SENT : PhoneCodeForm.State.NOT_SENT)
                .waitSeconds(userWait(context, true));
        SmsEvents.describe(context.getEvent().user(context.getUser()), channel, SmsEvents.STEP_CHECK, phone.getMaskedNumber())
                .detail(Details.SELECTED_CREDENTIAL_ID, phone.getId())
                .detail(SupportDetails.EVENT_DETAIL, SupportDetails.signInReference(context.getAuthenticationSession()));
        BruteForce bruteForce = new BruteForce(context.getSession(), context.getRealm(), context.getUser());
        if (bruteForce.isLockedOut()) {
            // Like Keycloak's OTP form: a locked-out user learns nothing new, and no code is checked.
            context.getEvent().detail(Details.REASON, "locked_out").error(Errors.USER_TEMPORARILY_DISABLED);
            context.challenge(page.codeError(channel.key("code-invalid")).create());
            return;
        }
        // A code sent to a phone the user has since removed no longer counts.
        CodeVerifier.Verdict verdict = CodeVerifier.of(context.getSession(), context.getRealm(), store, settings.code())
                .verify(entered, target -> phones.stream().anyMatch(p -> p.getId().equals(target)));
        switch (verdict.result()) {
            case VALID -> {
                bruteForce.succeeded();
                context.getEvent().removeDetail(Details.REASON).detail(SmsEvents.RESULT, "valid");
                rememberDeviceIfAsked(context);
                context.success(PhoneCredentialModel.TYPE);
            }
            case MALFORMED -> context.challenge(page.codeError(channel.key("code-format"), settings.code().length()).create());
            case WRONG -> {
                bruteForce.failedStep();
                context.getEvent().detail(SmsEvents.RESULT, "wrong").detail(Details.REASON, "wrong_code")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, verdict.attemptsLeft() > 0
                        ? page.codeError("mfa-sms-code-invalid-tries", verdict.attemptsLeft()).create()
                        : page.state(PhoneCodeForm.State.USED_UP).message(MessageType.ERROR, "mfa-sms-code-exhausted").create());
            }
            case EXPIRED -> {
                context.getEvent().detail(SmsEvents.RESULT, "expired").detail(Details.REASON, "expired_code")
                        .error(Errors.EXPIRED_CODE);
                // with no code pending there is no code field to hang the message on
                context.challenge(store.load() != null ? page.codeError("mfa-sms-code-expired").create()
                        : page.state(PhoneCodeForm.State.NOT_SENT).message(MessageType.ERROR, "mfa-sms-code-expired").create());
            }
            case EXHAUSTED -> {
                context.getEvent().detail(SmsEvents.RESULT, "exhausted").detail(Details.REASON, "too_many_tries")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.challenge(page.state(PhoneCodeForm.State.USED_UP).message(MessageType.ERROR, "mfa-sms-code-exhausted").create());
            }
        }
    }

    private void sendTo(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, PhoneCredentialModel phone) {
        boolean resend = sentBefore(context);
        CodeChallenge pending = store(context).load();
        // Where a usable code already went: still enterable when no new code can be sent.
        PhoneCredentialModel pendingPhone = pending == null || !pending.isLive(Time.currentTime()) ? null
                : phones.stream().filter(p -> p.getId().equals(pending.target())).findFirst().orElse(null);
        if (new BruteForce(context.getSession(), context.getRealm(), context.getUser()).isLockedOut()) {
            PhoneCredentialModel shown = pendingPhone != null ? pendingPhone : phone;
            context.challenge(page(context, phones, shown)
                    .state(pendingPhone != null ? PhoneCodeForm.State.CODE_SENT : PhoneCodeForm.State.NOT_SENT).create());
            return;
        }
        // the sign-in's reference names it in the send, the check and a report ("Not you?" link) alike
        context.getEvent().detail(SupportDetails.EVENT_DETAIL, SupportDetails.signInReference(context.getAuthenticationSession()));
        PhoneCodeSender.Result result = sender(context).send(phone.getId(), phone.getPhoneNumber(), resend,
                CodeText.Purpose.SIGN_IN, context.getEvent());
        if (result.attempted()) {
            context.getAuthenticationSession().setAuthNote(sentNote, "true");
        }
        if (result.sent()) {
            context.getAuthenticationSession().setAuthNote(selectedPhoneNote, phone.getId());
            PhoneCodeForm page = page(context, phones, phone).state(PhoneCodeForm.State.CODE_SENT).waitSeconds(userWait(context, true));
            context.challenge((resend ? page.message(MessageType.SUCCESS, channel.key("code-resent")) : page).create());
            return;
        }
        // the code already sent, if any, stays enterable
        context.challenge(page(context, phones, pendingPhone != null ? pendingPhone : phone)
                .refused(result, pendingPhone != null, userWait(context, true)).create());
    }

    /** A valid code with "Don't ask again on this device" ticked, where the sign-in's decision offers it. */
    private static void rememberDeviceIfAsked(AuthenticationFlowContext context) {
        int days = TrustedDevices.offeredDays(context.getAuthenticationSession(), context.getUser());
        if (days > 0 && rememberTicked(context)) {
            TrustedDevices.remember(context.getSession(), context.getRealm(), context.getUser(), days);
            context.getEvent().detail(TrustedDevices.DETAIL, "remembered");
        }
    }

    private static boolean rememberTicked(AuthenticationFlowContext context) {
        return "POST".equals(context.getHttpRequest().getHttpMethod())
                && context.getHttpRequest().getDecodedFormParameters().containsKey(PhoneCodeForm.REMEMBER_FIELD);
    }

    /**
     * Whether "Try another way" offers the user a method other than their phone: texts and calls to the same
     * phones are one method here, so a user with phones only gets the code at once by either.
     */
    private static boolean hasOtherMethods(AuthenticationFlowContext context) {
        return OtherWays.of(context).stream()
                .map(s -> s.getAuthenticationExecution().getAuthenticator())
                .anyMatch(id -> Arrays.stream(PhoneChannel.values()).noneMatch(c -> c.providerId().equals(id)));
    }

    /** The user chose this step in Keycloak's "Try another way" list just now. */
    private static boolean pickedInChooser(AuthenticationFlowContext context) {
        if (!"POST".equals(context.getHttpRequest().getHttpMethod())) {
            return false;
        }
        String picked = context.getHttpRequest().getDecodedFormParameters().getFirst(Constants.AUTHENTICATION_EXECUTION);
        return context.getExecution().getId().equals(picked);
    }

    private boolean sentBefore(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getAuthNote(sentNote) != null;
    }

    private long userWait(AuthenticationFlowContext context, boolean enforceDelay) {
        return sender(context).waitSeconds(enforceDelay);
    }

    private PhoneCodeSender sender(AuthenticationFlowContext context) {
        return new PhoneCodeSender(context.getSession(), context.getRealm(), context.getUser(), settings(context),
                policy(context), store(context), channel.providerId(), channel, CallSettings.from(config(context)));
    }

    private PhoneCodeForm page(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, PhoneCredentialModel shown) {
        PhoneChannel switchTo = switchTo(context);
        return new PhoneCodeForm(OtherWays.onPage(context, context.form()), channel, phones, shown, settings(context),
                policy(context), switchTo)
                .rememberDevice(TrustedDevices.offeredDays(context.getAuthenticationSession(), context.getUser()),
                        rememberTicked(context));
    }

    /** The other channel, offered as one click when this flow has its step and it reaches one of the user's phones. */
    private PhoneChannel switchTo(AuthenticationFlowContext context) {
        PhoneChannel other = channel.other();
        boolean inFlow = OtherWays.of(context).stream()
                .anyMatch(s -> other.providerId().equals(s.getAuthenticationExecution().getAuthenticator()));
        return inFlow && PhoneCredentialProvider.of(context.getSession()).phonesOf(context.getUser()).stream()
                .anyMatch(other::reaches) ? other : null;
    }

    private PhoneCredentialModel selected(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, String requestedId) {
        String id = requestedId != null ? requestedId : context.getAuthenticationSession().getAuthNote(selectedPhoneNote);
        return phones.stream().filter(p -> p.getId().equals(id)).findFirst().orElse(phones.get(0));
    }

    /** The user's phones this channel reaches: a landline registered for calls gets no texts. */
    private List<PhoneCredentialModel> phones(AuthenticationFlowContext context) {
        return PhoneCredentialProvider.of(context.getSession()).phonesOf(context.getUser()).stream()
                .filter(channel::reaches).toList();
    }

    private ChallengeStore store(AuthenticationFlowContext context) {
        return ChallengeStore.of(context.getAuthenticationSession(), channel.providerId());
    }

    private static Map<String, String> config(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig();
    }

    private static SmsSettings settings(AuthenticationFlowContext context) {
        return SmsSettings.from(config(context));
    }

    private static PhonePolicy policy(AuthenticationFlowContext context) {
        return PhonePolicy.of(context.getRealm());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** A phone this channel reaches: texts need a mobile, calls take any registered phone. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return PhoneCredentialProvider.of(session).phonesOf(user).stream().anyMatch(channel::reaches);
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
