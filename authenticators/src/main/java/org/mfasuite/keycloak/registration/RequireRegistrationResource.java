package org.mfasuite.keycloak.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.mfasuite.keycloak.core.AdminUsers;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/mfa/users/{userId}/require-registration}: the user must register a method at
 * the next sign-in (required action {@code mfa-register}, no "Not now"), keeping the methods they have. Refused
 * (409) when the realm has the prompt switched off or offers nothing the user has not set up already — the prompt
 * would then stop the user at sign-in. Needs manage-users; records an admin event.
 */
public class RequireRegistrationResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String userId;

    public RequireRegistrationResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                       AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.userId = userId;
    }

    /** Why an admin may not require a registration now (null: they may). */
    static String refusal(boolean promptEnabled, List<MethodOption> toRegister) {
        if (!promptEnabled) {
            return "prompt_disabled";
        }
        return toRegister.isEmpty() ? "nothing_to_register" : null;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response require() {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireManage(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        List<MethodOption> toRegister = MethodCatalog.toRegister(methods.offered(), methods.typesOf(user), false);
        String refusal = refusal(RegisterPrompt.enabled(realm), toRegister);
        if (refusal != null) {
            String description = refusal.equals("prompt_disabled")
                    ? "The required action " + RegisterActionFactory.PROVIDER_ID + " is not enabled in this realm"
                    : "The user has every method the realm offers: there is nothing left to register";
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", refusal, "error_description", description)).build();
        }
        user.addRequiredAction(RegisterActionFactory.PROVIDER_ID);
        user.removeAttribute(Snooze.COUNT_ATTRIBUTE);
        user.removeAttribute(Snooze.UNTIL_ATTRIBUTE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requiredAction", RegisterActionFactory.PROVIDER_ID);
        answer.put("toRegister", toRegister.stream().map(MethodOption::type).toList());
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }
}
