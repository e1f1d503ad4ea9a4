package org.mfasuite.keycloak.sms;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** Builds the {@code mfa-sms.ftl} page: the code field, resend, and the choice of phone. */
final class SmsForm {

    static final String TEMPLATE = "mfa-sms.ftl";
    static final String CODE_FIELD = "code";

    private final LoginFormsProvider form;
    private final SmsPage page;

    SmsForm(AuthenticationFlowContext context, List<PhoneCredentialModel> phones, PhoneCredentialModel selected,
            SmsSettings settings) {
        this.form = context.form();
        this.page = new SmsPage(phones.stream().map(p -> new PhoneChoice(p.getId(), p.getMaskedNumber())).toList(),
                new PhoneChoice(selected.getId(), selected.getMaskedNumber()), settings.code().length());
    }

    SmsForm codeSent(boolean codeSent) {
        page.codeSent = codeSent;
        return this;
    }

    /** No code field: the pending code is used up (rather than: none could be sent). */
    SmsForm usedUp() {
        page.codeSent = false;
        page.usedUp = true;
        return this;
    }

    SmsForm codeError(String key, Object... args) {
        form.addError(new FormMessage(CODE_FIELD, key, args));
        return this;
    }

    SmsForm error(String key, Object... args) {
        form.setError(key, args);
        return this;
    }

    SmsForm info(String key) {
        if (key != null) {
            form.setInfo(key);
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
        private boolean codeSent;
        private boolean usedUp;

        SmsPage(List<PhoneChoice> phones, PhoneChoice selected, int codeLength) {
            this.phones = phones;
            this.selected = selected;
            this.codeLength = codeLength;
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

        public boolean isCodeSent() {
            return codeSent;
        }

        public boolean isUsedUp() {
            return usedUp;
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
