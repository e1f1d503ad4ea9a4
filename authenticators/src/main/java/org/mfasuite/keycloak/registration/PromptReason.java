package org.mfasuite.keycloak.registration;

/** Why the registration prompt shows, which decides whether "Not now" is offered. */
public enum PromptReason {
    /** A second factor is required (conditional access, or an admin set the prompt or reset the methods). */
    REQUIRED(true),
    /** Every method the user has is one the realm no longer offers. */
    WITHDRAWN(true),
    /** A campaign covers the user and "Not now" is still allowed. */
    CAMPAIGN(false),
    /** A campaign covers the user and every "Not now" was used. */
    CAMPAIGN_FINAL(true),
    /** Nothing asks for a registration (any more). */
    NONE(false);

    private final boolean mandatory;

    PromptReason(boolean mandatory) {
        this.mandatory = mandatory;
    }

    public boolean mandatory() {
        return mandatory;
    }

    /**
     * @param required   conditional access requires a factor the user lacks, or the action is set on the user
     * @param hasOffered the user has a method the realm offers
     * @param withdrawn  the user has methods and none is offered any more
     * @param covered    a campaign covers the user
     */
    public static PromptReason of(boolean required, boolean hasOffered, boolean withdrawn, boolean covered,
                                  Snooze snooze, RegisterSettings settings) {
        if (required) {
            return REQUIRED;
        }
        if (withdrawn) {
            return WITHDRAWN;
        }
        if (covered && !hasOffered) {
            return snooze.canSnooze(settings) ? CAMPAIGN : CAMPAIGN_FINAL;
        }
        return NONE;
    }

    /** The intro line of the prompt page. */
    public String messageKey() {
        return switch (this) {
            case WITHDRAWN -> "mfa-register-intro-withdrawn";
            case CAMPAIGN, CAMPAIGN_FINAL -> "mfa-register-intro-campaign";
            default -> "mfa-register-intro-required";
        };
    }
}
