package org.mfasuite.keycloak.access;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * Which sign-ins a policy covers, as Entra ID's Conditional Access decides it. A sign-in is covered when all of:
 * <ul>
 *   <li>the user is not excluded: not in {@code exclude-users}, not in a group of {@code exclude-groups} (or a
 *       sub-group), without any role of {@code exclude-roles};</li>
 *   <li>the user is included: {@code include-users}, {@code include-groups} and {@code include-roles} together
 *       name who is in (a match in any one of them is enough); when all three are empty, everyone is;</li>
 *   <li>the client is in {@code include-clients} (empty: every client) and not in {@code exclude-clients};</li>
 *   <li>the address is in {@code networks} (empty: anywhere) and not in {@code excluded-networks};</li>
 *   <li>the sign-in is of a type in {@code client-types} (empty: every type);</li>
 *   <li>the address's country is in {@code countries} (empty: anywhere; an unknown country is in no list) and not in
 *       {@code excluded-countries} (an unknown country is never excluded: "block outside SE" blocks it);</li>
 *   <li>the sign-in's risk is at least {@code sign-in-risk} and the user's at least {@code user-risk} (unset: any).</li>
 * </ul>
 * Exclusions always win over inclusions. Users, groups and roles form one "who" set as in Entra (an admin
 * includes "bob and the group staff", not "bob if he is also in staff"); clients, networks and client types are
 * separate conditions that must all hold.
 */
public record PolicyConditions(Set<String> includeUsers, Set<String> excludeUsers, Set<String> includeGroups,
                               Set<String> excludeGroups, Set<String> includeRoles, Set<String> excludeRoles,
                               Set<String> includeClients, Set<String> excludeClients, List<Cidr> networks,
                               List<Cidr> excludedNetworks, Set<ClientType> clientTypes, Set<String> countries,
                               Set<String> excludedCountries, RiskLevel signInRisk, RiskLevel userRisk) {

    /** Covers every sign-in. */
    public static final PolicyConditions EVERYONE = new PolicyConditions(Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(), Set.of(), Set.of(), List.of(), List.of(), Set.of());

    /** Conditions without countries or risk levels. */
    public PolicyConditions(Set<String> includeUsers, Set<String> excludeUsers, Set<String> includeGroups,
                            Set<String> excludeGroups, Set<String> includeRoles, Set<String> excludeRoles,
                            Set<String> includeClients, Set<String> excludeClients, List<Cidr> networks,
                            List<Cidr> excludedNetworks, Set<ClientType> clientTypes) {
        this(includeUsers, excludeUsers, includeGroups, excludeGroups, includeRoles, excludeRoles, includeClients,
                excludeClients, networks, excludedNetworks, clientTypes, Set.of(), Set.of(), null, null);
    }

    public PolicyConditions {
        countries = countries == null ? Set.of() : Set.copyOf(countries);
        excludedCountries = excludedCountries == null ? Set.of() : Set.copyOf(excludedCountries);
    }

    /** Whether some condition needs the address's country. */
    public boolean namesCountries() {
        return !countries.isEmpty() || !excludedCountries.isEmpty();
    }

    /** Whether the policy covers sign-ins by their risk: {@code sign-in-risk} or {@code user-risk} is set. */
    public boolean namesRisk() {
        return signInRisk != null || userRisk != null;
    }

    /** The same conditions with every user included (the exclusions still hold): how an unreadable include fails closed. */
    public PolicyConditions includingEveryone() {
        return new PolicyConditions(Set.of(), excludeUsers, Set.of(), excludeGroups, Set.of(), excludeRoles,
                includeClients, excludeClients, networks, excludedNetworks, clientTypes, countries, excludedCountries,
                signInRisk, userRisk);
    }

    /** The first condition this sign-in does not meet, in the order of {@link Condition}; null when covered. */
    public Condition firstUnmet(SignInFacts facts) {
        if (excludeUsers.contains(facts.username())) {
            return Condition.USER_EXCLUDED;
        }
        if (excludeGroups.stream().anyMatch(facts::inGroup)) {
            return Condition.GROUP_EXCLUDED;
        }
        if (!Collections.disjoint(excludeRoles, facts.roles())) {
            return Condition.ROLE_EXCLUDED;
        }
        if (!included(facts)) {
            return Condition.USER_NOT_INCLUDED;
        }
        if (!includeClients.isEmpty() && !includeClients.contains(facts.clientId())
                || excludeClients.contains(facts.clientId())) {
            return Condition.CLIENT;
        }
        if (!networks.isEmpty() && networks.stream().noneMatch(n -> n.contains(facts.address()))
                || excludedNetworks.stream().anyMatch(n -> n.contains(facts.address()))) {
            return Condition.NETWORK;
        }
        if (!clientTypes.isEmpty() && !clientTypes.contains(facts.clientType())) {
            return Condition.CLIENT_TYPE;
        }
        if (!countries.isEmpty() && (facts.country() == null || !countries.contains(facts.country()))
                || facts.country() != null && excludedCountries.contains(facts.country())) {
            return Condition.COUNTRY;
        }
        if (signInRisk != null && !facts.signInRisk().atLeast(signInRisk)) {
            return Condition.SIGN_IN_RISK;
        }
        if (userRisk != null && !facts.userRisk().atLeast(userRisk)) {
            return Condition.USER_RISK;
        }
        return null;
    }

    private boolean included(SignInFacts facts) {
        if (includeUsers.isEmpty() && includeGroups.isEmpty() && includeRoles.isEmpty()) {
            return true;
        }
        return includeUsers.contains(facts.username())
                || includeGroups.stream().anyMatch(facts::inGroup)
                || !Collections.disjoint(includeRoles, facts.roles());
    }
}
