package org.mfasuite.keycloak.fraud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/mfa/fraud-reports[?first=&max=&from=]}: the sign-ins users reported, newest first
 * (view-events): user, time, method, the sign-in's client address and helpdesk reference, what the report did.
 * Usernames are shown to callers who may also view users, else the user id only.
 */
public class FraudReportsResource {

    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public FraudReportsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") Integer first, @QueryParam("max") Integer max, @QueryParam("from") Long from) {
        auth.realm().requireViewEvents();
        int skip = first == null ? 0 : first;
        int limit = max == null ? DEFAULT_MAX : max;
        if (skip < 0 || limit < 1 || limit > MAX_MAX) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "invalid_request", "error_description",
                            "'first' must be 0 or more and 'max' from 1 to " + MAX_MAX)).build();
        }
        boolean people = auth.users().canView();
        List<Map<String, Object>> rows = new ReportedSignIns(session, realm.getId())
                .list(from == null ? 0 : from, skip, limit).stream().map(r -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", r.id());
                    out.put("time", r.time());
                    out.put("userId", r.userId());
                    String username = null;
                    if (people && r.userId() != null) {
                        UserModel user = session.users().getUserById(realm, r.userId());
                        username = user != null ? user.getUsername() : r.username();
                    }
                    out.put("username", username);
                    out.put("method", r.method());
                    out.put("ipAddress", r.signInIp());
                    out.put("reporterIpAddress", r.reporterIp());
                    out.put("reference", r.reference());
                    out.put("client", r.client());
                    out.put("action", r.block());
                    return out;
                }).toList();
        return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
