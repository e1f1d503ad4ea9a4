package org.mfasuite.keycloak.registration;

import java.util.Objects;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * The user's default method is the one Keycloak offers first at sign-in: the highest in the user's credential
 * order (the order of the user's Credentials tab), which {@code moveStoredCredentialTo} changes.
 */
public final class DefaultMethod {

    private DefaultMethod() {
    }

    /**
     * The admin (REST, or the phone import's {@code default_method}) set this credential as the user's default. Today
     * the same as {@link #make}; the one place to record that the choice was the admin's, for "strongest method
     * first" to respect. Returns whether the order changed.
     */
    public static boolean setByAdmin(UserModel user, String credentialId) {
        return make(user, credentialId);
    }

    /** Moves the credential to the top of the user's order. Returns whether the order changed. */
    static boolean make(UserModel user, String credentialId) {
        CredentialModel first = user.credentialManager().getStoredCredentialsStream().findFirst().orElse(null);
        if (first != null && Objects.equals(first.getId(), credentialId)) {
            return false;
        }
        return user.credentialManager().moveStoredCredentialTo(credentialId, null);
    }
}
