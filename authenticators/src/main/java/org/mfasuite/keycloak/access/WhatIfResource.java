package org.mfasuite.keycloak.access;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.compat.FlowBindings;
import org.mfasuite.keycloak.risk.RiskAssessment;
import org.mfasuite.keycloak.risk.SignInRisk;

/**
 * {@code POST /admin/realms/{realm}/mfa/what-if}: answers a {@link WhatIfRequest} with the decision a real sign-in
 * would take, computed as {@link AccessDecisions#of} computes it (same flow, same policies, same facts), without
 * signing anyone in or recording anything. Callers need the realm's view-users permission: the answer tells which
 * groups and roles a user has.
 */
public class WhatIfResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public WhatIfResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response ask(WhatIfRequest request) {
        auth.users().requireView();
        auth.realm().requireViewRealm(); // the answer shows the policies' configuration
        try {
            return Response.ok(answer(request)).build();
        } catch (WhatIfRequest.Invalid e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", "invalid_request", "error_description", e.getMessage())).build();
        }
    }

    private WhatIfAnswer answer(WhatIfRequest request) {
        if (request == null) {
            throw new WhatIfRequest.Invalid("A JSON body with username, clientId and ipAddress is required");
        }
        ClientType type = request.type();
        String address = request.address();
        String username = request.requiredUsername();
        // looked up as the username step of a sign-in looks it up: by username, or by email where allowed
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
        if (user == null) {
            throw new WhatIfRequest.Invalid("No user '" + username + "' in this realm");
        }
        ClientModel client = realm.getClientByClientId(request.requiredClientId());
        if (client == null) {
            throw new WhatIfRequest.Invalid("No client '" + request.requiredClientId() + "' in this realm");
        }
        AuthenticationFlowModel flow = flow(client, type);
        if (flow == null) {
            throw new WhatIfRequest.Invalid("The realm has no " + type.id() + " flow");
        }
        // the assumed risk by the rule a sign-in's assessment uses, taken once for the decision and the answer
        RiskAssessment risk = SignInRisk.whatIf(session, realm, address, type == ClientType.BROWSER,
                request.deviceKnown(), request.riskSignals());
        return WhatIfAnswer.of(user.getUsername(), client.getClientId(), address, type, flow.getAlias(),
                AccessDecisions.evaluate(session, realm, flow.getId(), user, client.getClientId(), address, type,
                        request.assumedCountry(), risk::level), risk);
    }

    /** The flow Keycloak would run: the client's override for that binding, else the realm's flow. */
    private AuthenticationFlowModel flow(ClientModel client, ClientType type) {
        boolean browser = type == ClientType.BROWSER;
        AuthenticationFlowModel override = FlowBindings.override(client,
                browser ? AuthenticationFlowBindings.BROWSER_BINDING : AuthenticationFlowBindings.DIRECT_GRANT_BINDING);
        if (override != null) {
            return override;
        }
        return browser ? realm.getBrowserFlow() : realm.getDirectGrantFlow();
    }
}
