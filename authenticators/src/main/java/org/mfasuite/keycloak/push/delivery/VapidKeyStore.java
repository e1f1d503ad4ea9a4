package org.mfasuite.keycloak.push.delivery;

import org.keycloak.provider.Provider;

/**
 * The component type that holds a realm's VAPID key pair: a component (as Keycloak's key providers are), so its
 * private key is a secret config value that admin reads and realm exports mask. It does nothing itself.
 */
public interface VapidKeyStore extends Provider {

    @Override
    default void close() {
    }
}
