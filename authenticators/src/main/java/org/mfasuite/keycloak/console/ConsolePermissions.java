package org.mfasuite.keycloak.console;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/mfa/me}: what the caller's token may do in the realm, as the admin REST checks it
 * (fine-grained permissions included). The console shows only the pages and buttons these allow; the REST still
 * checks every call. Any authenticated admin may ask about their own rights.
 */
public class ConsolePermissions {

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public ConsolePermissions(RealmModel realm, AdminPermissionEvaluator auth) {
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("viewUsers", auth.users().canView());
        out.put("manageUsers", auth.users().canManage());
        out.put("viewEvents", auth.realm().canViewEvents());
        out.put("viewRealm", auth.realm().canViewRealm());
        out.put("manageRealm", auth.realm().canManageRealm());
        out.put("realm", realm.getName());
        out.put("username", auth.adminAuth().getUser().getUsername());
        return out;
    }
}
