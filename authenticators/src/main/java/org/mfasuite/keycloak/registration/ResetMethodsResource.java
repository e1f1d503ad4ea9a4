package org.mfasuite.keycloak.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.mfasuite.keycloak.core.AdminUsers;
import org.mfasuite.keycloak.flow.DefaultChoice;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/mfa/users/{userId}/reset[?includePasskeys=true]}: the lost-phone case. Removes
 * the user's second-factor credentials ({@link ResetScope}), sets {@code mfa-register} on the user so the next
 * sign-in asks for a new method, records an admin event and emails the user. Needs manage-users (fine-grained
 * user permissions respected).
 */
public class ResetMethodsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String userId;

    public ResetMethodsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.userId = userId;
    }

    /** What a reset did. */
    public record ResetResult(List<Map<String, String>> removed, String requiredAction) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ResetResult reset(@QueryParam("includePasskeys") boolean includePasskeys) {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireManage(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        List<CredentialModel> doomed = user.credentialManager().getStoredCredentialsStream()
                .filter(c -> ResetScope.removes(c.getType(), methods.isMethod(c.getType()), includePasskeys)).toList();
        List<Map<String, String>> removed = doomed.stream().map(c -> {
            Map<String, String> view = new LinkedHashMap<>();
            view.put("id", c.getId());
            view.put("type", c.getType());
            view.put("label", MethodLabels.of(c));
            return view;
        }).toList();
        doomed.forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
        DefaultChoice.forgetIfGone(user);
        user.addRequiredAction(RegisterActionFactory.PROVIDER_ID);
        user.removeAttribute(Snooze.COUNT_ATTRIBUTE);
        user.removeAttribute(Snooze.UNTIL_ATTRIBUTE);
        ResetResult result = new ResetResult(removed, RegisterActionFactory.PROVIDER_ID);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("removed", removed, "includePasskeys", includePasskeys)).success();
        String summary = String.join(", ", doomed.stream().map(CredentialModel::getType).distinct().toList());
        SecurityEmails.of(session, realm).send(user, SecurityEmails.Kind.RESET,
                new SecurityEmails.Method(summary, ""));
        return result;
    }
}
