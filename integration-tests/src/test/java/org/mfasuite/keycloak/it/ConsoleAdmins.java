package org.mfasuite.keycloak.it;

import java.util.Arrays;
import java.util.List;

import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Admins for the console tests: new users of the realm (password {@link DemoUsers#PASSWORD}, no second factor)
 * holding realm-management roles. Removed with the test's realm cleanup.
 */
public final class ConsoleAdmins {

    private ConsoleAdmins() {
    }

    /** A realm admin ({@code realm-admin}: every right in the realm). Returns the username. */
    public static String realmAdmin(ManagedRealm realm) {
        return withRoles(realm, "console-admin", "realm-admin");
    }

    /** A helpdesk account: {@code view-users} only (sees users and tokens, changes nothing). */
    public static String viewUsersOnly(ManagedRealm realm) {
        return withRoles(realm, "console-helpdesk", "view-users");
    }

    /** A user with no admin role at all. */
    public static String noAdminRights(ManagedRealm realm) {
        return withRoles(realm, "console-nobody");
    }

    /** A new user named {@code prefix-…} with these realm-management roles. Returns the username. */
    public static String withRoles(ManagedRealm realm, String prefix, String... roles) {
        String username = DemoUsers.uniqueName(prefix);
        String id = DemoUsers.create(realm, username, List.of(), false);
        if (roles.length > 0) {
            String rm = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            List<RoleRepresentation> reps = Arrays.stream(roles)
                    .map(r -> realm.admin().clients().get(rm).roles().get(r).toRepresentation()).toList();
            realm.admin().users().get(id).roles().clientLevel(rm).add(reps);
        }
        return username;
    }
}
