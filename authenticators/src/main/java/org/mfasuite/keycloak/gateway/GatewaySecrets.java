package org.mfasuite.keycloak.gateway;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Secret options may be vault references ({@code ${vault.twilio_auth_token}}). They are resolved at send time, in
 * the realm of the current request, so a rotated secret takes effect without a restart.
 */
final class GatewaySecrets {

    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\..+}$");

    private GatewaySecrets() {
    }

    /** Plain values come back unchanged; vault references come back resolved, or unchanged when not found. */
    static UnaryOperator<String> fromVault(KeycloakSession session) {
        return value -> {
            if (value == null) {
                return null;
            }
            try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
                return secret.get().orElse(value);
            }
        };
    }

    /**
     * The resolved secret of {@code option}. Fails with {@code not_configured} when it is unset or when its vault
     * entry is missing: sending the literal "${vault.x}" as a password would only earn a confusing 401.
     */
    static String require(UnaryOperator<String> secrets, String configured, String gatewayId, String option)
            throws GatewayException {
        String value = configured == null ? null : secrets.apply(configured);
        if (value == null || value.isBlank()) {
            throw GatewayException.notDelivered("not_configured", gatewayId + ": option " + option + " is not set");
        }
        if (value.equals(configured) && VAULT_REFERENCE.matcher(value).matches()) {
            throw GatewayException.notDelivered("not_configured",
                    gatewayId + ": option " + option + " refers to " + value + ", which the realm's vault does not hold");
        }
        // Vault files usually end with a newline, which is never part of a token and is illegal in a header.
        return value.strip();
    }
}
