package org.mfasuite.keycloak.trust;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * {@code /admin/realms/{realm}/mfa/users/{userId}/remembered-devices}: an admin lists a user's remembered devices
 * (view-users) and forgets them all (manage-users): every browser that skipped the second factor asks for it again
 * at its next sign-in, on every node at once (the credential is the truth the cookie is checked against). Each
 * revocation is an admin event (DELETE on the user's path).
 */
public class RememberedDevicesResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final UserModel user;

    public RememberedDevicesResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                     AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.user = AdminUsers.find(session, realm, auth, userId);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        auth.users().requireView(user);
        return TrustedDeviceCredentialProvider.of(session).devicesOf(user).stream().map(d -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", d.getId());
            out.put("name", d.getUserLabel());
            out.put("ipAddress", d.getIpAddress());
            out.put("createdDate", d.getCreatedDate());
            out.put("lastUsedDate", d.getLastUsed() > 0 ? d.getLastUsed() : null);
            return out;
        }).toList();
    }

    @DELETE
    public Response revokeAll() {
        auth.users().requireManage(user);
        int revoked = TrustedDevices.forgetAll(session, realm, user);
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri()).representation(Map.of("revoked", revoked)).success();
        return Response.noContent().build();
    }
}
