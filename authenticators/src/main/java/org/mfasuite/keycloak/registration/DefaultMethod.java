package org.mfasuite.keycloak.registration;

import java.util.Objects;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * The user's default method is the one Keycloak offers first at sign-in: the highest in the user's credential
 * order (the order of the user's Credentials tab), which {@code moveStoredCredentialTo} changes.
 */
final class DefaultMethod {

    private DefaultMethod() {
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
