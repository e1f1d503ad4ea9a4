package org.mfasuite.keycloak.access;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mfasuite.keycloak.core.Grant;

/**
 * Tallies what one policy would have done to past sign-ins, replayed one by one: blocked, asked for a second
 * factor, let through without one (its grant is allow), or not covered. The policy is replayed as if it were on,
 * whatever its state: the point is to see its effect before switching it on. Plain code: the caller reads the
 * events and the users.
 */
public final class PolicyImpact {

    /** What the policy would have done to one sign-in. */
    public enum Outcome {
        BLOCKED, SECOND_FACTOR, ALLOWED, NOT_COVERED
    }

    /** One user's covered sign-ins, by outcome. */
    public record UserCount(String userId, int blocked, int secondFactor, int allowed) {
        public int covered() {
            return blocked + secondFactor + allowed;
        }
    }

    private final int[] counts = new int[Outcome.values().length];
    private final Map<String, int[]> byUser = new HashMap<>();
    private int skipped;

    /** What the policy, if on, would do to a sign-in with these facts: the evaluation's own conditions and demand. */
    public static Outcome outcome(AccessPolicy policy, SignInFacts facts) {
        if (policy.conditions().firstUnmet(facts) != null) {
            return Outcome.NOT_COVERED;
        }
        Grant demand = policy.demand();
        if (demand == Grant.BLOCK) {
            return Outcome.BLOCKED;
        }
        return demand.needsSecondFactor() ? Outcome.SECOND_FACTOR : Outcome.ALLOWED;
    }

    public void add(String userId, Outcome outcome) {
        counts[outcome.ordinal()]++;
        if (outcome != Outcome.NOT_COVERED) {
            byUser.computeIfAbsent(userId, k -> new int[Outcome.values().length])[outcome.ordinal()]++;
        }
    }

    /** A sign-in that could not be replayed: its user no longer exists. */
    public void skip() {
        skipped++;
    }

    public int count(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    public int skipped() {
        return skipped;
    }

    public int replayed() {
        int sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /** The users with the most covered sign-ins, most first (ties by user id), at most {@code limit}. */
    public List<UserCount> topUsers(int limit) {
        return byUser.entrySet().stream()
                .map(e -> new UserCount(e.getKey(), e.getValue()[Outcome.BLOCKED.ordinal()],
                        e.getValue()[Outcome.SECOND_FACTOR.ordinal()], e.getValue()[Outcome.ALLOWED.ordinal()]))
                .sorted(Comparator.comparingInt(UserCount::covered).reversed().thenComparing(UserCount::userId))
                .limit(limit).toList();
    }
}
