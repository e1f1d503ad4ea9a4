package org.mfasuite.keycloak.sms;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.mfasuite.keycloak.gateway.PhoneMask;

/**
 * Builds the pages of phone registration: the number ({@code mfa-phone-register.ftl}), the code
 * ({@code mfa-phone-verify.ftl}) and the confirmation ({@code mfa-phone-added.ftl}). Each says when the
 * next code can be sent, so its send button waits instead of failing.
 */
final class PhoneRegisterForm {

    static final String NUMBER_FIELD = "phoneNumber";
    private static final String NUMBER_TEMPLATE = "mfa-phone-register.ftl";
    private static final String CODE_TEMPLATE = "mfa-phone-verify.ftl";
    private static final String ADDED_TEMPLATE = "mfa-phone-added.ftl";

    private final RequiredActionContext context;
    private final SmsSettings settings;
    private final PhonePolicy policy;
    private final int registered;
    private final long waitSeconds;
    private final boolean callsOffered;
    private final PhoneChannel channel;

    /**
     * @param registered   phones the user has now
     * @param waitSeconds  seconds until the user's limits let a code go
     * @param callsOffered whether the number page offers "Call me" next to "Text me"
     * @param channel      how the pending (or refused) code goes
     */
    PhoneRegisterForm(RequiredActionContext context, SmsSettings settings, PhonePolicy policy, int registered,
                      long waitSeconds, boolean callsOffered, PhoneChannel channel) {
        this.context = context;
        this.settings = settings;
        this.policy = policy;
        this.registered = registered;
        this.waitSeconds = waitSeconds;
        this.callsOffered = callsOffered;
        this.channel = channel;
    }

    /** The number page; a user who has the most phones allowed is told at once, with no send button. */
    Response number(String typed, String errorKey) {
        return number(typed, errorKey, waitSeconds);
    }

    private Response number(String typed, String errorKey, long wait) {
        boolean full = registered >= policy.maxPhones();
        LoginFormsProvider page = form(new RegisterPage(typed, null, registered > 0, settings), wait)
                .setAttribute("mfaExample", PhoneNumbers.example(policy.defaultRegion()))
                .setAttribute("mfaFull", full)
                .setAttribute("mfaMaxPhones", policy.maxPhones())
                .setAttribute("mfaCalls", callsOffered)
                .setAttribute("mfaLandlines", callsOffered && policy.allowLandlines())
                .setAttribute("mfaCanContinue", full && canContinue());
        if (!full && errorKey != null) {
            page.addError(numberError(errorKey));
        }
        return page.createForm(NUMBER_TEMPLATE);
    }

    /** A number's problem; a country that is not allowed is said with the countries that are. */
    private FormMessage numberError(String errorKey) {
        String allowed = "mfa-phone-region-not-allowed".equals(errorKey)
                ? policy.allowedCountries(context.getSession().getContext().resolveLocale(context.getUser())) : "";
        return allowed.isEmpty() ? new FormMessage(NUMBER_FIELD, errorKey)
                : new FormMessage(NUMBER_FIELD, "mfa-phone-region-not-allowed-list", allowed);
    }

    /** The user already has a phone: the registration may end here (the way on for a user at the phone limit). */
    boolean canContinue() {
        return registered > 0;
    }

    /** The number page after a send that did not happen; a limit of that one number leaves other numbers open. */
    Response numberRefused(String typed, PhoneCodeSender.Result result) {
        refused(result);
        boolean otherNumbersMayGo = result.status() == PhoneCodeSender.Status.NUMBER_LIMIT;
        return number(typed, null, otherNumbersMayGo ? waitSeconds : Math.max(waitSeconds, result.waitSeconds()));
    }

    /** The code page: the user's own number, typed a moment ago, in full so a typo can be spotted. */
    Response code(String number, FormMessage error) {
        return code(number, error, waitSeconds);
    }

    private Response code(String number, FormMessage error, long wait) {
        LoginFormsProvider page = form(new RegisterPage(number, PhoneNumbers.international(number), true, settings), wait);
        return (error == null ? page : page.addError(error)).createForm(CODE_TEMPLATE);
    }

    /** The code page after "Send a new code". */
    Response codeResent(String number, PhoneCodeSender.Result result) {
        if (result.sent()) {
            context.form().setSuccess(channel.key("code-resent"));
            return code(number, null);
        }
        refused(result);
        return code(number, null, Math.max(waitSeconds, result.waitSeconds()));
    }

    /** The confirmation; a landline is said to get its codes by call. */
    Response added(String number) {
        boolean landline = PhoneCredentialProvider.of(context.getSession()).phonesOf(context.getUser()).stream()
                .anyMatch(p -> number.equals(p.getPhoneNumber()) && p.isLandline());
        return context.form().setAttribute("mfaPhone", new RegisterPage(number, PhoneMask.mask(number), true, settings))
                .setAttribute("mfaLandline", landline)
                .createForm(ADDED_TEMPLATE);
    }

    /** Says once, at the level it deserves, why no code went out; the send button waits as long as needed. */
    private void refused(PhoneCodeSender.Result result) {
        SendNotice notice = SendNotice.of(result, "mfa-phone-region-not-allowed", channel);
        context.form().setMessage(notice.type(), notice.key(), notice.args());
    }

    private LoginFormsProvider form(RegisterPage page, long wait) {
        return context.form().setAttribute("mfaPhone", page).setAttribute("mfaWait", wait)
                .setAttribute("mfaChannel", channel.method())
                .setAttribute("mfaHelpdesk", policy.helpdesk());
    }

    /** Template model: the number as typed (or pending), how the page shows it, and the code's terms. */
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
            this.ttlMinutes = settings.code().ttlMinutes();
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
