package org.mfasuite.keycloak.fraud;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code /realms/{realm}/mfa-report/{token}}: the page a "Not you?" link opens, in the realm's login theme. Opening it
 * (GET) only asks; link previews and scanners that fetch it change nothing. Pressing "This wasn't me" (POST) takes
 * the link (once, cluster-wide) and reports the sign-in ({@link FraudReports}).
 */
public class FraudReportPage {

    static final String TEMPLATE = "mfa-fraud-report.ftl";

    private final KeycloakSession session;
    private final RealmModel realm;

    FraudReportPage(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path("{token}")
    @Produces(MediaType.TEXT_HTML)
    public Response ask(@PathParam("token") String token) {
        FraudLinks.Link link = new FraudLinks(session.singleUseObjects()).peek(realm.getId(), token, Time.currentTime());
        if (link == null || user(link) == null) {
            return page(new View("invalid", null, null), Response.Status.NOT_FOUND);
        }
        return page(new View("ask", FraudLinks.url(session, realm, token), link.reference()), Response.Status.OK);
    }

    @POST
    @Path("{token}")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("token") String token) {
        FraudLinks.Link link = new FraudLinks(session.singleUseObjects()).claim(realm.getId(), token, Time.currentTime());
        UserModel user = link == null ? null : user(link);
        if (user == null) {
            return page(new View("invalid", null, null), Response.Status.NOT_FOUND);
        }
        FraudReports.report(session, realm, user, new FraudReports.Report(link.method(), link.reference(), link.ip(),
                link.client()), false);
        return page(new View("done", null, link.reference()), Response.Status.OK);
    }

    private UserModel user(FraudLinks.Link link) {
        return session.users().getUserById(realm, link.userId());
    }

    private Response page(View view, Response.Status status) {
        Response page = session.getProvider(LoginFormsProvider.class).setAttribute("mfaFraud", view)
                .setStatus(status).createForm(TEMPLATE);
        return Response.fromResponse(page).header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }

    /** What the template shows. Getters: Keycloak's FreeMarker reads bean properties. */
    public static final class View {
        private final String state;
        private final String action;
        private final String reference;

        View(String state, String action, String reference) {
            this.state = state;
            this.action = action;
            this.reference = reference;
        }

        /** {@code ask}, {@code done} or {@code invalid} (unknown, used or expired link). */
        public String getState() {
            return state;
        }

        public String getAction() {
            return action;
        }

        public String getReference() {
            return reference;
        }
    }
}
