package org.mfasuite.keycloak.sms;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.forms.login.MessageType;

/**
 * Builds the code page of a sign-in by text ({@code mfa-sms.ftl}) or call ({@code mfa-voice.ftl}); both templates
 * are one shared page ({@code mfa-phone-code.ftl}) worded by the channel's message keys. One title in every state;
 * what happened is said once, in the page's message; a send button that must fail is never offered: it waits,
 * disabled, with a countdown.
 */
final class PhoneCodeForm {

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
    private final PhoneChannel channel;
    private final CodePage page;

    /** @param switchTo the other channel's step, offered as one click ("Call me instead"), or null */
    PhoneCodeForm(LoginFormsProvider form, PhoneChannel channel, List<PhoneCredentialModel> phones,
                  PhoneCredentialModel selected, SmsSettings settings, PhonePolicy policy, PhoneChannel switchTo) {
        this.form = form;
        this.channel = channel;
        this.page = new CodePage(channel.providerId(), switchTo == null ? "" : switchTo.providerId(),
                phones.stream().map(p -> new PhoneChoice(p.getId(), p.getMaskedNumber())).toList(),
                new PhoneChoice(selected.getId(), selected.getMaskedNumber()), settings.code().length(),
                settings.code().ttlMinutes(), policy.helpdesk());
    }

    PhoneCodeForm state(State state) {
        page.state = state;
        return this;
    }

    /** Seconds before a send can work; the send button waits that long. */
    PhoneCodeForm waitSeconds(long seconds) {
        page.waitSeconds = Math.max(0, seconds);
        return this;
    }

    /**
     * After a send that did not happen: why, said once; the code field when an earlier code is still usable;
     * no send button when none can help; after an attempt the user's own limits decide the wait too.
     */
    PhoneCodeForm refused(PhoneCodeSender.Result result, boolean codeStillUsable, long userWait) {
        state(codeStillUsable ? State.CODE_SENT : SendNotice.isFinal(result) ? State.UNAVAILABLE : State.NOT_SENT);
        waitSeconds(result.attempted() ? Math.max(result.waitSeconds(), userWait) : result.waitSeconds());
        SendNotice notice = SendNotice.of(result, "mfa-sms-region-not-allowed", channel);
        return message(notice.type(), notice.key(), notice.args());
    }

    /** Offers "Don't ask again on this device for N days" next to the code field; 0 offers nothing. */
    PhoneCodeForm rememberDevice(int days, boolean checked) {
        page.rememberDays = Math.max(0, days);
        page.rememberChecked = checked;
        return this;
    }

    PhoneCodeForm codeError(String key, Object... args) {
        form.addError(new FormMessage(CODE_FIELD, key, args));
        return this;
    }

    PhoneCodeForm message(MessageType type, String key, Object... args) {
        switch (type) {
            case ERROR -> form.setError(key, args);
            case WARNING -> form.setMessage(MessageType.WARNING, key, args);
            case SUCCESS -> form.setSuccess(key, args);
            default -> form.setInfo(key, args);
        }
        return this;
    }

    Response create() {
        return form.setAttribute("mfaCode", page).createForm(channel.providerId() + ".ftl");
    }

    /** Template model; getters because FreeMarker reads JavaBeans. */
    public static final class CodePage {
        private final String keys;
        private final String switchTo;
        private final List<PhoneChoice> phones;
        private final PhoneChoice selected;
        private final int codeLength;
        private final int ttlMinutes;
        private final String helpdesk;
        private State state = State.CODE_SENT;
        private long waitSeconds;
        private int rememberDays;
        private boolean rememberChecked;

        CodePage(String keys, String switchTo, List<PhoneChoice> phones, PhoneChoice selected, int codeLength,
                 int ttlMinutes, String helpdesk) {
            this.keys = keys;
            this.switchTo = switchTo;
            this.phones = phones;
            this.selected = selected;
            this.codeLength = codeLength;
            this.ttlMinutes = ttlMinutes;
            this.helpdesk = helpdesk;
        }

        /** The prefix of the channel's message keys and element ids: {@code mfa-sms} or {@code mfa-voice}. */
        public String getKeys() {
            return keys;
        }

        /** The other channel's step offered as one click, or "". */
        public String getSwitchTo() {
            return switchTo;
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
