package org.mfasuite.keycloak.push;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.MessageType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Enrols a phone: shows a QR code and a link carrying a one-time enrolment token; the device makes its own key
 * pair and enrols itself over the device API. The page waits for that (script, or "Continue" without one) and
 * ends when the device's credential exists. A refresh shows the same code while it has a minute left.
 */
public class PushEnrollAction implements RequiredActionProvider, CredentialRegistrator {

    static final String TEMPLATE = "mfa-push-enroll.ftl";
    private static final String TOKEN_NOTE = PushEnrollActionFactory.PROVIDER_ID + ".token";
    static final String ID_NOTE = PushEnrollActionFactory.PROVIDER_ID + ".id";
    private static final String EXPIRES_NOTE = PushEnrollActionFactory.PROVIDER_ID + ".expires";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, false, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String action = context.getHttpRequest().getDecodedFormParameters().getFirst("mfa-action");
        if ("new-code".equals(action)) {
            context.challenge(page(context, true, null));
            return;
        }
        Enrolments enrolments = new Enrolments(context.getSession(), context.getRealm());
        String credentialId = enrolments.doneCredential(context.getAuthenticationSession().getAuthNote(ID_NOTE));
        if (credentialId == null) {
            context.challenge(page(context, false, "mfa-push-enroll-not-yet"));
            return;
        }
        for (String note : new String[]{TOKEN_NOTE, ID_NOTE, EXPIRES_NOTE}) {
            context.getAuthenticationSession().removeAuthNote(note);
        }
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, PushDeviceCredentialModel.TYPE)
                .detail(Details.CREDENTIAL_ID, credentialId).detail(PushEvents.METHOD, PushEvents.PUSH)
                .detail(PushEvents.RESULT, "enrolled").success();
        context.success();
    }

    private Response page(RequiredActionContext context, boolean fresh, String infoKey) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        long now = Time.currentTime();
        String token = authSession.getAuthNote(TOKEN_NOTE);
        long expires = parse(authSession.getAuthNote(EXPIRES_NOTE));
        if (fresh || token == null || expires - now < 60) {
            // the device subscribes to Web Push with the realm's key before it enrols
            PushNotifier.ensureVapidKey(context.getSession(), context.getRealm());
            Enrolments.Issued issued = new Enrolments(context.getSession(), context.getRealm()).issue(context.getUser(), now);
            token = issued.token();
            expires = issued.expires();
            authSession.setAuthNote(TOKEN_NOTE, token);
            authSession.setAuthNote(ID_NOTE, issued.id());
            authSession.setAuthNote(EXPIRES_NOTE, Long.toString(expires));
        }
        String link = PushUrls.enrolLink(context.getSession(), context.getRealm(), token);
        EnrolPage model = new EnrolPage(link, QrCode.svg(link),
                PushUrls.waitUrl(context.getSession(), context.getRealm(), authSession.getAuthNote(ID_NOTE), authSession.getTabId()),
                Math.max(0, expires - now));
        var form = context.form().setAttribute("mfaPushEnroll", model);
        if (infoKey != null) {
            form.setMessage(MessageType.INFO, infoKey);
        }
        return form.createForm(TEMPLATE);
    }

    /** When the tab's current enrolment code expires (epoch seconds; 0 when it has none). */
    static long expiresOf(AuthenticationSessionModel authSession) {
        return parse(authSession.getAuthNote(EXPIRES_NOTE));
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Template model; getters because FreeMarker reads JavaBeans. */
    public static final class EnrolPage {
        private final String link;
        private final String qrSvg;
        private final String waitUrl;
        private final long secondsLeft;

        EnrolPage(String link, String qrSvg, String waitUrl, long secondsLeft) {
            this.link = link;
            this.qrSvg = qrSvg;
            this.waitUrl = waitUrl;
            this.secondsLeft = secondsLeft;
        }

        public String getLink() {
            return link;
        }

        public String getQrSvg() {
            return qrSvg;
        }

        public String getWaitUrl() {
            return waitUrl;
        }

        public long getSecondsLeft() {
            return secondsLeft;
        }

        public long getMinutesLeft() {
            return (secondsLeft + 59) / 60;
        }
    }

    @Override
    public void close() {
    }
}
