package org.mfasuite.keycloak.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registration coverage: how many users have at least one second-factor method, how many have each method (by
 * credential type), and how many users a registration campaign still waits for (members of its groups without a
 * method the realm offers) out of its enabled members ({@code campaignMembers}: the campaign's progress is
 * {@code campaignMembers - campaignWaiting} of {@code campaignMembers}). {@code skipped} says why nothing was
 * counted (a realm too big for one request).
 */
public record Coverage(long users, long withMethod, Map<String, Long> byMethod, List<String> campaignGroups,
                       long campaignWaiting, long campaignMembers, String skipped) {

    public static Coverage skipped(String why) {
        return new Coverage(0, 0, Map.of(), List.of(), 0, 0, why);
    }

    /** Adds users one by one, then the campaign's count. */
    public static final class Tally {
        private long users;
        private long withMethod;
        private final Map<String, Long> byMethod = new TreeMap<>();

        /** @param methodTypes the user's second-factor credential types (offered by the realm or not) */
        public void user(Set<String> methodTypes) {
            users++;
            if (!methodTypes.isEmpty()) {
                withMethod++;
            }
            methodTypes.forEach(t -> byMethod.merge(t, 1L, Long::sum));
        }

        public Coverage done(Collection<String> campaignGroups, long campaignWaiting, long campaignMembers) {
            return new Coverage(users, withMethod, Map.copyOf(byMethod), List.copyOf(campaignGroups), campaignWaiting,
                    campaignMembers, null);
        }
    }
}
