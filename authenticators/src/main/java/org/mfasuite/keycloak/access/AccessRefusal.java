package org.mfasuite.keycloak.access;

/**
 * Why the gate stops a sign-in: each has its own page title and text, event reason, and answer to a
 * direct-grant client.
 */
enum AccessRefusal {
    /** A policy blocks the sign-in. */
    BLOCKED("mfa-access-blocked", "mfa_policy_block", "access_denied",
            "Sign-in blocked by your organisation's access policy"),
    /** A second factor is required and the user has none this realm can register. */
    NO_METHOD("mfa-access-no-method", "mfa_no_method", "access_denied",
            "A second factor is required and none is set up for this account; contact your helpdesk"),
    /** The user has a second factor and this flow has no step that can take it: the helpdesk, never a registration. */
    NO_USABLE_STEP("mfa-access-no-usable-step", "mfa_no_usable_step", "access_denied",
            "A second factor is required and this sign-in cannot ask for the one set up for this account; contact your helpdesk"),
    /** A second factor is required and this sign-in did not give one (e.g. a client that cannot ask). */
    SECOND_FACTOR_NEEDED("mfa-access-second-factor", "mfa_second_factor_required", "invalid_grant",
            "A second factor is required for this sign-in and this client cannot ask for one"),
    /** WebAuthn or a passkey is required and the user signed in with another method. */
    PHISHING_RESISTANT_NEEDED("mfa-access-phishing-resistant", "mfa_phishing_resistant_required", "access_denied",
            "A security key or passkey is required for this sign-in"),
    /**
     * A new password is required (grant password-change) and this sign-in cannot set one: a direct-grant client, or
     * a realm whose Update Password required action is disabled.
     */
    PASSWORD_CHANGE_NEEDED("mfa-access-password-change", "mfa_password_change_required", "access_denied",
            "A password change is required for this account; sign in with a browser to change it");

    private final String messagePrefix;
    private final String reason;
    private final String oauthError;
    private final String description;

    AccessRefusal(String messagePrefix, String reason, String oauthError, String description) {
        this.messagePrefix = messagePrefix;
        this.reason = reason;
        this.oauthError = oauthError;
        this.description = description;
    }

    /** Message keys: {@code <prefix>-title} and {@code <prefix>-text}. */
    String messagePrefix() {
        return messagePrefix;
    }

    /** Event detail {@code reason}. */
    String reason() {
        return reason;
    }

    /** The OAuth error a direct-grant client gets. */
    String oauthError() {
        return oauthError;
    }

    /** The {@code error_description} start, in English (it is read by admins and developers). */
    String description() {
        return description;
    }
}
