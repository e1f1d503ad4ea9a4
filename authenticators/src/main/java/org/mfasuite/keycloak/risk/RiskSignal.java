package org.mfasuite.keycloak.risk;

import java.util.Locale;

/**
 * What can make a sign-in risky. Each id is a public contract: the event detail {@code mfa_risk_signals}, the sign-in
 * log, the settings keys {@code level-<id>} and what-if's {@code signals} name signals by it.
 */
public enum RiskSignal {
    /** The browser has no device cookie the user signed in from before. */
    UNFAMILIAR_DEVICE("unfamiliar-device"),
    /** The country (without a database: the /16 or /48) is not among the user's last sign-ins. */
    UNFAMILIAR_LOCATION("unfamiliar-location"),
    /** Faster than 900 km/h from the previous sign-in (needs coordinates: a City database). */
    IMPOSSIBLE_TRAVEL("impossible-travel"),
    /** The address is in the operator's list of anonymous networks. */
    ANONYMOUS_NETWORK("anonymous-network"),
    /** The address failed passwords for many different users in this hour. */
    PASSWORD_SPRAY("password-spray"),
    /** Many pushes to this user were denied or unanswered in this hour. */
    MFA_FATIGUE("mfa-fatigue");

    private final String id;

    RiskSignal(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The signal an id names; null when it names none. */
    public static RiskSignal parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (RiskSignal s : values()) {
            if (s.id.equals(v)) {
                return s;
            }
        }
        return null;
    }
}
