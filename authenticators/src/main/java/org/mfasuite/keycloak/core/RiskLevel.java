package org.mfasuite.keycloak.core;

import java.util.Locale;

/**
 * How risky a sign-in or a user is, lowest first: the values of the policy keys {@code sign-in-risk} and
 * {@code user-risk} and of the event detail {@code mfa_risk}. {@link #NONE} is never configured in a policy.
 */
public enum RiskLevel {
    NONE("none"), LOW("low"), MEDIUM("medium"), HIGH("high");

    private final String id;

    RiskLevel(String id) {
        this.id = id;
    }

    /** The config value and event detail. */
    public String id() {
        return id;
    }

    /** Whether this level reaches {@code threshold}. */
    public boolean atLeast(RiskLevel threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The higher of the two. */
    public RiskLevel max(RiskLevel other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** The level a value names, any of the four; null when it names none. */
    public static RiskLevel parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (RiskLevel level : values()) {
            if (level.id.equals(v)) {
                return level;
            }
        }
        return null;
    }
}
