package org.mfasuite.keycloak.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.geo.Places;
import org.mfasuite.keycloak.risk.UserRisks;

/**
 * Gathers a sign-in's {@link SignInFacts} from Keycloak's models, reading only what the policies ask about:
 * group paths when some policy names groups, and of roles only those some policy names (composites and group
 * roles count, as Keycloak's {@code hasRole} decides); the address's country when some policy names countries, the
 * user's risk when some policy names {@code user-risk}, this sign-in's risk when some policy names {@code sign-in-risk}.
 */
public final class SignInFactsReader {

    private SignInFactsReader() {
    }

    /** Facts without this sign-in's risk (e.g. an impact replay, which takes the risk its events recorded). */
    public static SignInFacts read(KeycloakSession session, RealmModel realm, UserModel user, String clientId,
                                   String address, ClientType type, List<AccessPolicy> policies) {
        return read(session, realm, user, clientId, address, type, policies, null, () -> RiskLevel.NONE);
    }

    /**
     * @param country    the country to assume (what-if); null: placed from the address when a policy needs it
     * @param signInRisk this sign-in's risk, asked only when a policy names {@code sign-in-risk}: assessed for a
     *                   real sign-in ({@code risk.SignInRisk.assess}), assumed for what-if
     */
    public static SignInFacts read(KeycloakSession session, RealmModel realm, UserModel user, String clientId,
                                   String address, ClientType type, List<AccessPolicy> policies, String country,
                                   Supplier<RiskLevel> signInRisk) {
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
        SignInFacts facts = new SignInFacts(user.getUsername(), groups, roles, clientId, Cidr.address(address), type);
        if (country == null && policies.stream().anyMatch(p -> p.conditions().namesCountries())) {
            country = Places.locate(session, address).country();
        }
        RiskLevel userRisk = policies.stream().anyMatch(p -> p.conditions().userRisk() != null)
                ? UserRisks.of(session, realm, user) : RiskLevel.NONE;
        RiskLevel risk = policies.stream().anyMatch(p -> p.conditions().signInRisk() != null)
                ? signInRisk.get() : RiskLevel.NONE;
        return facts.withCountry(country).withRisk(risk, userRisk);
    }
}
