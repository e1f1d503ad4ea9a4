package org.mfasuite.keycloak.registration;

import java.util.Map;

/**
 * A user's answers to a registration campaign: how many "Not now"s, and until when the last one holds. Kept
 * as two user attributes (in the database, so every node of a cluster sees them).
 *
 * @param count       "Not now"s given so far
 * @param untilSecond Keycloak time (seconds) until which the prompt stays away; 0 = not snoozed
 */
public record Snooze(int count, long untilSecond) {

    public static final String COUNT_ATTRIBUTE = "mfa-register-snoozes";
    public static final String UNTIL_ATTRIBUTE = "mfa-register-snoozed-until";
    public static final Snooze NONE = new Snooze(0, 0);

    /** Read from the user's attributes (first values); unreadable values count as none. */
    public static Snooze from(Map<String, String> attributes) {
        return new Snooze((int) number(attributes.get(COUNT_ATTRIBUTE)), number(attributes.get(UNTIL_ATTRIBUTE)));
    }

    /** Whether the campaign prompt stays away at {@code now}. */
    public boolean holds(long now) {
        return now < untilSecond;
    }

    /** Whether the user may still answer "Not now". */
    public boolean canSnooze(RegisterSettings settings) {
        return count < settings.maxSnoozes();
    }

    /** After one more "Not now" at {@code now}. */
    public Snooze snoozed(long now, RegisterSettings settings) {
        return new Snooze(count + 1, now + settings.snoozeDays() * 86_400L);
    }

    /**
     * Whether a campaign asks at {@code now}: when no snooze holds. Every "Not now", the last one too, holds for its
     * days; once the snoozes are used up the next prompt cannot be snoozed ({@link #canSnooze}).
     */
    public boolean asks(long now) {
        return !holds(now);
    }

    private static long number(String raw) {
        try {
            return raw == null ? 0 : Math.max(0, Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
