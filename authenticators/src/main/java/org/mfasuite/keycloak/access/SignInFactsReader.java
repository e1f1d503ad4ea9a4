package org.mfasuite.keycloak.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Gathers a sign-in's {@link SignInFacts} from Keycloak's models, reading only what the policies ask about:
 * group paths when some policy names groups, and of roles only those some policy names (composites and group
 * roles count, as Keycloak's {@code hasRole} decides).
 */
public final class SignInFactsReader {

    private SignInFactsReader() {
    }

    public static SignInFacts read(RealmModel realm, UserModel user, String clientId, String address,
                                   ClientType type, List<AccessPolicy> policies) {
        boolean groupsNamed = policies.stream().anyMatch(p -> !p.conditions().includeGroups().isEmpty()
                || !p.conditions().excludeGroups().isEmpty());
        Set<String> groups = groupsNamed
                ? user.getGroupsStream().map(FlowPolicies::pathOf).collect(Collectors.toSet()) : Set.of();
        Set<String> roles = new HashSet<>();
        for (AccessPolicy p : policies) {
            for (Set<String> named : List.of(p.conditions().includeRoles(), p.conditions().excludeRoles())) {
                for (String name : named) {
                    if (!roles.contains(name)) {
                        RoleModel role = FlowPolicies.role(realm, name);
                        if (role != null && user.hasRole(role)) {
                            roles.add(name);
                        }
                    }
                }
            }
        }
        return new SignInFacts(user.getUsername(), groups, roles, clientId, Cidr.address(address), type);
    }
}
