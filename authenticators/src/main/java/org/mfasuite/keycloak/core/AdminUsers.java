package org.mfasuite.keycloak.core;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Finds the user of an admin request as Keycloak's own user endpoints do: 404 only for those who may look users up. */
public final class AdminUsers {

    private AdminUsers() {
    }

    public static UserModel find(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            if (!auth.users().canQuery()) {
                throw new ForbiddenException();
            }
            throw new NotFoundException("User not found");
        }
        return user;
    }
}
