package org.mfasuite.keycloak.core;

import java.util.Locale;

/**
 * What a policy demands, weakest first: the combined decision is the strongest demand of the policies that
 * apply. {@link #NONE} is never configured: it is the decision when no policy applies (the flow's own default).
 * {@link #PASSWORD_CHANGE} is a second factor plus a new password: policies combine it as its {@link #factor()}
 * ({@code mfa}) with a separate "password change" flag, so a combined decision never carries it as its grant
 * (phishing-resistant and password-change together demand both).
 */
public enum Grant {
    NONE("none"),
    /** No second factor needed, e.g. from a trusted network. */
    ALLOW("allow"),
    /** A second factor of any kind. */
    MFA("mfa"),
    /** A second factor of any kind, then a new password (Keycloak's UPDATE_PASSWORD), as Entra's user-risk policy. */
    PASSWORD_CHANGE("password-change"),
    /** WebAuthn / passkey only. */
    PHISHING_RESISTANT("phishing-resistant"),
    BLOCK("block");

    private final String id;

    Grant(String id) {
        this.id = id;
    }

    /** The config value and event detail ({@code mfa_access}). */
    public String id() {
        return id;
    }

    /** Whether meeting it takes a second factor. */
    public boolean needsSecondFactor() {
        return this == MFA || this == PASSWORD_CHANGE || this == PHISHING_RESISTANT;
    }

    /** The second-factor requirement it stands for: {@code mfa} for {@link #PASSWORD_CHANGE}, else itself. */
    public Grant factor() {
        return this == PASSWORD_CHANGE ? MFA : this;
    }

    /** The stronger of the two. */
    public Grant and(Grant other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** The grant a config value names; null when it names none an admin may configure. */
    public static Grant parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Grant g : values()) {
            if (g != NONE && g.id.equals(v)) {
                return g;
            }
        }
        return null;
    }
}
