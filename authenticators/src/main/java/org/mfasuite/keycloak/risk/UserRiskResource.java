package org.mfasuite.keycloak.risk;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.core.AdminUsers;
import org.mfasuite.keycloak.core.RiskLevel;

/**
 * {@code /admin/realms/{realm}/mfa/users/{userId}/risk}: a user's risk with its reasons (view-users), and
 * {@code POST …/risk/dismiss}: an admin clears it to none (manage-users; an admin event, ACTION on the user's path).
 */
public class UserRiskResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final UserModel user;

    public UserRiskResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                            AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.user = AdminUsers.find(session, realm, auth, userId);
    }

    /**
     * {@code level}, {@code since} (epoch seconds, null while none), {@code reasons} (those the current level stands
     * on, each {@code level}, {@code reason}, {@code time}), {@code history} (the latest ten), {@code clearedBy} and
     * {@code cleared} (the last clearing; null when never).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
        auth.users().requireView(user);
        return view(UserRisks.get(session, realm, user));
    }

    /** Clears the risk to none; answers the risk as it is now. */
    @POST
    @Path("dismiss")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> dismiss() {
        auth.users().requireManage(user);
        RiskLevel was = UserRisks.clear(session, realm, user, UserRisk.CLEARED_BY_ADMIN);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri()).representation(Map.of("dismissed", was.id())).success();
        return view(UserRisks.get(session, realm, user));
    }

    static Map<String, Object> view(UserRisk risk) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", risk.level().id());
        out.put("since", risk.since() > 0 ? risk.since() : null);
        out.put("reasons", risk.currentReasons());
        out.put("history", risk.reasons());
        out.put("clearedBy", risk.clearedBy());
        out.put("cleared", risk.cleared() > 0 ? risk.cleared() : null);
        return out;
    }
}
