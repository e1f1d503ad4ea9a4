package org.mfasuite.keycloak.sms;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.forms.login.MessageType;

/**
 * Builds the {@code mfa-sms.ftl} page. One title in every state; what happened is said once, in the page's
 * message; a send button that must fail is never offered: it waits, disabled, with a countdown.
 */
final class SmsForm {

    static final String TEMPLATE = "mfa-sms.ftl";
    static final String CODE_FIELD = "code";
    /** The "Don't ask again on this device" checkbox. */
    static final String REMEMBER_FIELD = "mfa-remember-device";
    /** Every button of the suite's pages posts its action under this name. */
    static final String ACTION = "mfa-action";

    /** What the page shows. */
    enum State {
        /** A code is on its way: the code field. */
        CODE_SENT,
        /** Nothing sent yet, the user has other methods: sending is one click away. */
        READY,
        /** Nothing usable was sent (failure or a limit): a send button, perhaps waiting. */
        NOT_SENT,
        /** The pending code took its tries: a new code is needed. */
        USED_UP,
        /** No code can go to this phone now (realm budget, region): no send button. */
        UNAVAILABLE
    }

    private final LoginFormsProvider form;
    private final SmsPage page;

    SmsForm(LoginFormsProvider form, List<PhoneCredentialModel> phones, PhoneCredentialModel selected,
            SmsSettings settings, PhonePolicy policy) {
        this.form = form;
        this.page = new SmsPage(phones.stream().map(p -> new PhoneChoice(p.getId(), p.getMaskedNumber())).toList(),
                new PhoneChoice(selected.getId(), selected.getMaskedNumber()), settings.code().length(),
                settings.code().ttlMinutes(), policy.helpdesk());
    }

    SmsForm state(State state) {
        page.state = state;
        return this;
    }

    /** Seconds before a send can work; the send button waits that long. */
    SmsForm waitSeconds(long seconds) {
        page.waitSeconds = Math.max(0, seconds);
        return this;
    }

    /**
     * After a send that did not happen: why, said once; the code field when an earlier code is still usable;
     * no send button when none can help; after an attempt the user's own limits decide the wait too.
     */
    SmsForm refused(SmsCodeSender.Result result, boolean codeStillUsable, long userWait) {
        state(codeStillUsable ? State.CODE_SENT : SendNotice.isFinal(result) ? State.UNAVAILABLE : State.NOT_SENT);
        waitSeconds(result.attempted() ? Math.max(result.waitSeconds(), userWait) : result.waitSeconds());
        SendNotice notice = SendNotice.of(result, "mfa-sms-region-not-allowed");
        return message(notice.type(), notice.key(), notice.args());
    }

    /** Offers "Don't ask again on this device for N days" next to the code field; 0 offers nothing. */
    SmsForm rememberDevice(int days, boolean checked) {
        page.rememberDays = Math.max(0, days);
        page.rememberChecked = checked;
        return this;
    }

    SmsForm codeError(String key, Object... args) {
        form.addError(new FormMessage(CODE_FIELD, key, args));
        return this;
    }

    SmsForm message(MessageType type, String key, Object... args) {
        switch (type) {
            case ERROR -> form.setError(key, args);
            case WARNING -> form.setMessage(MessageType.WARNING, key, args);
            case SUCCESS -> form.setSuccess(key, args);
            default -> form.setInfo(key, args);
        }
        return this;
    }

    Response create() {
        return form.setAttribute("mfaSms", page).createForm(TEMPLATE);
    }

    /** Template model; getters because FreeMarker reads JavaBeans. */
    public static final class SmsPage {
        private final List<PhoneChoice> phones;
        private final PhoneChoice selected;
        private final int codeLength;
        private final int ttlMinutes;
        private final String helpdesk;
        private State state = State.CODE_SENT;
        private long waitSeconds;
        private int rememberDays;
        private boolean rememberChecked;

        SmsPage(List<PhoneChoice> phones, PhoneChoice selected, int codeLength, int ttlMinutes, String helpdesk) {
            this.phones = phones;
            this.selected = selected;
            this.codeLength = codeLength;
            this.ttlMinutes = ttlMinutes;
            this.helpdesk = helpdesk;
        }

        public List<PhoneChoice> getPhones() {
            return phones;
        }

        public PhoneChoice getSelected() {
            return selected;
        }

        public int getCodeLength() {
            return codeLength;
        }

        public int getTtlMinutes() {
            return ttlMinutes;
        }

        public String getHelpdesk() {
            return helpdesk == null ? "" : helpdesk;
        }

        public String getState() {
            return state.name();
        }

        public long getWaitSeconds() {
            return waitSeconds;
        }

        public int getRememberDays() {
            return rememberDays;
        }

        public boolean isRememberChecked() {
            return rememberChecked;
        }
    }

    /** One phone as the page shows it. */
    public static final class PhoneChoice {
        private final String id;
        private final String label;

        PhoneChoice(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String getId() {
            return id;
        }

        public String getLabel() {
            return label;
        }
    }
}
