package org.mfasuite.keycloak.access;

import java.util.Locale;

/**
 * A condition of a policy that a sign-in did not meet, in the order they are checked: the first one is what
 * the what-if answer names.
 */
public enum Condition {
    /** The policy's state is {@code off}. */
    STATE_OFF,
    /** The username is in {@code exclude-users}. */
    USER_EXCLUDED,
    /** The user is in a group of {@code exclude-groups} or one of its sub-groups. */
    GROUP_EXCLUDED,
    /** The user has a role of {@code exclude-roles}. */
    ROLE_EXCLUDED,
    /** Users, groups or roles are included and the user matches none of them. */
    USER_NOT_INCLUDED,
    /** The client is not in {@code include-clients}, or is in {@code exclude-clients}. */
    CLIENT,
    /** The address is outside {@code networks}, or inside {@code excluded-networks}. */
    NETWORK,
    /** The sign-in is not of a type in {@code client-types}. */
    CLIENT_TYPE,
    /** The country is not in {@code countries} (an unknown country is in none), or is in {@code excluded-countries}. */
    COUNTRY,
    /** The sign-in's risk is below {@code sign-in-risk}. */
    SIGN_IN_RISK,
    /** The user's risk is below {@code user-risk}. */
    USER_RISK;

    /** How the what-if answer names it: lower case, words joined by '-' ({@code network}, {@code state-off}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
