package org.mfasuite.keycloak.apppassword;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.mfasuite.keycloak.core.AdminUsers;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/mfa/users/{userId}/app-passwords}: an admin lists a user's app passwords (view-users)
 * and revokes one or all (manage-users) — the answer to a lost phone or laptop. Revocation deletes the credential in
 * the database; Keycloak's user cache invalidation makes it effective on every node at once. Secrets are never
 * listed. Each revocation is an admin event (DELETE on the user's path).
 */
public class AppPasswordsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final UserModel user;

    public AppPasswordsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.user = AdminUsers.find(session, realm, auth, userId);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        auth.users().requireView(user);
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(session);
        AppPasswordSettings settings = AppPasswordSettings.of(realm);
        long now = Time.currentTime();
        return provider.list(user).stream().map(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            AppPasswordCredentialModel.Data d = r.getData();
            out.put("id", r.getId());
            out.put("name", r.getUserLabel());
            out.put("publicId", d.publicId());
            out.put("createdDate", r.getCreatedDate());
            out.put("lastUsedDate", d.lastUsedAt() > 0 ? d.lastUsedAt() * 1000 : null);
            out.put("lastUsedIp", d.lastUsedIp());
            out.put("expiresDate", d.expiresAt() > 0 ? d.expiresAt() * 1000 : null);
            out.put("clients", d.clients());
            out.put("status", provider.isRevoked(user, r, settings) ? "revoked"
                    : r.isExpired(now) ? "expired" : "active");
            return out;
        }).toList();
    }

    @DELETE
    public Response revokeAll() {
        auth.users().requireManage(user);
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(session);
        int revoked = 0;
        for (AppPasswordCredentialModel r : provider.list(user)) {
            if (provider.deleteCredential(realm, user, r.getId())) {
                revoked++;
            }
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .representation(Map.of("revoked", revoked)).success();
        return Response.noContent().build();
    }

    @DELETE
    @Path("{credentialId}")
    public Response revoke(@PathParam("credentialId") String credentialId) {
        auth.users().requireManage(user);
        AppPasswordCredentialProvider provider = AppPasswordCredentialProvider.of(session);
        boolean ours = provider.list(user).stream().anyMatch(r -> r.getId().equals(credentialId));
        if (!ours || !provider.deleteCredential(realm, user, credentialId)) {
            throw new NotFoundException("App password not found");
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        return Response.noContent().build();
    }
}
