package org.mfasuite.keycloak.admin;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.access.WhatIfResource;

/**
 * The suite's admin REST root, {@code /admin/realms/{realm}/mfa}. It only routes: each sub-path belongs to the
 * capability that answers it, and that resource checks its own permission.
 */
public class MfaAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public MfaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** Conditional access: what policies would decide for a sign-in. */
    @Path("what-if")
    public WhatIfResource whatIf() {
        return new WhatIfResource(session, realm, auth);
    }
}
