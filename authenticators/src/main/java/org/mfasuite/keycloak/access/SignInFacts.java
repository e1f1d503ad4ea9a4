package org.mfasuite.keycloak.access;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
 */
public record SignInFacts(String username, Set<String> groups, Set<String> roles, String clientId,
                          InetAddress address, ClientType clientType) {

    public SignInFacts {
        username = username == null ? "" : username.toLowerCase(Locale.ROOT);
        groups = groups == null ? Set.of()
                : groups.stream().map(SignInFacts::groupPath).collect(Collectors.toUnmodifiableSet());
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        clientId = clientId == null ? "" : clientId;
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
