package org.mfasuite.keycloak.console;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.Version;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /realms/{realm}/mfa-admin/}: the admin console's static files, index.html filled for this realm. */
public class ConsoleResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ConsoleResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    public Response index() {
        ownHeaders();
        if (!session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")) {
            // relative links (console.js, pages/...) need the trailing slash
            return ConsoleFiles.secured(Response.status(301).location(URI.create(
                    session.getContext().getUri().getRequestUri().getRawPath() + "/"))).build();
        }
        return file(ConsoleFiles.INDEX);
    }

    @GET
    @Path("{path: .+}")
    public Response file(@PathParam("path") String path) {
        ownHeaders();
        byte[] bytes = ConsoleFiles.read(path);
        if (bytes == null) {
            return withRealmHeaders(ConsoleFiles.notFound());
        }
        if (path.equals(ConsoleFiles.INDEX)) {
            String base = session.getContext().getUri().getBaseUri().toString();
            String server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            bytes = IndexPage.render(ConsoleFiles.text(bytes), realm.getName(), server, Version.RESOURCES_VERSION)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return withRealmHeaders(ConsoleFiles.answer(path, bytes));
    }

    /**
     * The console sets its own stricter CSP and framing headers; Keycloak's (the realm's "browser security
     * headers") would add a second, looser CSP to the HTML. The realm's HSTS and robots headers are kept.
     */
    private void ownHeaders() {
        SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
        if (headers != null) {
            headers.options().skipHeaders();
        }
    }

    private Response withRealmHeaders(Response response) {
        Map<String, String> realmHeaders = realm.getBrowserSecurityHeaders();
        String hsts = realmHeaders == null ? null : realmHeaders.get("strictTransportSecurity");
        if (hsts != null && !hsts.isBlank()) {
            response.getHeaders().putSingle("Strict-Transport-Security", hsts);
        }
        response.getHeaders().putSingle("X-Robots-Tag", "none");
        return response;
    }
}
