package org.mfasuite.keycloak.core;

import org.keycloak.credential.CredentialModel;

/**
 * A credential provider whose credentials record their own last use (app passwords, remembered devices), so the
 * admin view of a user's methods reads it without knowing the capability that stores it.
 */
public interface LastUseRecord {

    /** When the credential was last used, epoch milliseconds; null when never. */
    Long lastUsed(CredentialModel credential);
}
