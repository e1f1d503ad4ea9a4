package org.mfasuite.keycloak.access;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * What policies look at in one sign-in, gathered by the caller so that evaluation needs no Keycloak session.
 *
 * @param username   the user's username (compared without case, as Keycloak stores usernames lower-case)
 * @param groups     paths of the groups the user is a direct member of, e.g. {@code /staff/interns}; parent
 *                   groups need not be listed: a policy naming {@code /staff} covers its sub-groups
 * @param roles      the user's effective roles (composites expanded): realm roles by name, client roles as
 *                   {@code client-id/role}
 * @param clientId   the client signing the user in
 * @param address    the client address as Keycloak resolved it (proxy headers honoured); null when unknown,
 *                   which is inside no network
 * @param clientType browser or direct grant
 * @param country    ISO 3166-1 alpha-2 country of the address (upper case); null when unknown (no database, a private
 *                   or loopback address, or one the database cannot place)
 * @param signInRisk this sign-in's risk; {@link RiskLevel#NONE} when not assessed
 * @param userRisk   the user's risk; {@link RiskLevel#NONE} when not read
 */
public record SignInFacts(String username, Set<String> groups, Set<String> roles, String clientId,
                          InetAddress address, ClientType clientType, String country, RiskLevel signInRisk,
                          RiskLevel userRisk) {

    /** Facts without a country or risk: unknown and none. */
    public SignInFacts(String username, Set<String> groups, Set<String> roles, String clientId, InetAddress address,
                       ClientType clientType) {
        this(username, groups, roles, clientId, address, clientType, null, RiskLevel.NONE, RiskLevel.NONE);
    }

    public SignInFacts {
        country = country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
        signInRisk = signInRisk == null ? RiskLevel.NONE : signInRisk;
        userRisk = userRisk == null ? RiskLevel.NONE : userRisk;
        username = username == null ? "" : username.toLowerCase(Locale.ROOT);
        groups = groups == null ? Set.of()
                : groups.stream().map(SignInFacts::groupPath).collect(Collectors.toUnmodifiableSet());
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        clientId = clientId == null ? "" : clientId;
    }

    /** The same facts with this country (null: unknown). */
    public SignInFacts withCountry(String code) {
        return new SignInFacts(username, groups, roles, clientId, address, clientType, code, signInRisk, userRisk);
    }

    /** The same facts with these risk levels. */
    public SignInFacts withRisk(RiskLevel signIn, RiskLevel user) {
        return new SignInFacts(username, groups, roles, clientId, address, clientType, country, signIn, user);
    }

    /** Whether the user is in the group with this path, directly or through one of its sub-groups. */
    public boolean inGroup(String path) {
        for (String g : groups) {
            if (g.equals(path) || g.startsWith(path) && g.charAt(path.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /** A group path as policies and facts compare it: a leading slash, no trailing one. */
    static String groupPath(String path) {
        String p = path.trim();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
