package org.mfasuite.keycloak.registration;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.keycloak.forms.login.LoginFormsProvider;

/** Builds {@code mfa-register.ftl}: choose a method to set up, pick the default method, or contact the admin. */
final class RegisterForm {

    static final String TEMPLATE = "mfa-register.ftl";
    static final String ACTION = "mfa-action";

    enum State { CHOOSE, DEFAULT, NONE }

    private final LoginFormsProvider form;
    private final RegisterPage page = new RegisterPage();

    RegisterForm(LoginFormsProvider form, String helpdesk) {
        this.form = form;
        page.helpdesk = helpdesk == null ? "" : helpdesk;
    }

    Response choose(PromptReason reason, List<MethodOption> methods, int snoozesLeft) {
        page.state = State.CHOOSE;
        page.intro = reason.messageKey();
        page.methods = methods;
        page.snoozesLeft = reason.mandatory() ? 0 : snoozesLeft;
        return create();
    }

    Response chooseDefault(List<Choice> choices) {
        page.state = State.DEFAULT;
        page.choices = choices;
        return create();
    }

    Response none() {
        page.state = State.NONE;
        return form.setAttribute("mfaRegister", page).setStatus(Response.Status.FORBIDDEN).createForm(TEMPLATE);
    }

    private Response create() {
        return form.setAttribute("mfaRegister", page).createForm(TEMPLATE);
    }

    /** One of the user's methods on the default page; templates call the accessors ({@code c.id()}). */
    public record Choice(String id, String displayName, String label) {
    }

    /** Template model; getters because FreeMarker reads JavaBeans. */
    public static final class RegisterPage {
        private State state = State.CHOOSE;
        private String intro = "";
        private List<MethodOption> methods = List.of();
        private List<Choice> choices = List.of();
        private int snoozesLeft;
        private String helpdesk = "";

        public String getState() {
            return state.name();
        }

        public String getIntro() {
            return intro;
        }

        public List<MethodOption> getMethods() {
            return methods;
        }

        public List<Choice> getChoices() {
            return choices;
        }

        /** 0: no "Not now". */
        public int getSnoozesLeft() {
            return snoozesLeft;
        }

        public String getHelpdesk() {
            return helpdesk;
        }
    }
}
