package org.mfasuite.keycloak.gateway;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/**
 * Which gateway sends when a flow names none: the operator's {@code --spi-mfa-message-gateway--provider-default}
 * (or {@code --provider}), else the configured gateway with the highest {@code order()}.
 * <p>
 * Why not just Keycloak's default provider: the Quarkus distribution fixes it at build time, calling order() on
 * factories that have not run {@code init()} and with runtime options hidden, so every real gateway looks
 * unconfigured there and {@code dev} always wins. At runtime, after init(), order() is accurate.
 */
public final class MessageGateways {

    private MessageGateways() {
    }

    /** @return the default gateway's id; empty when no gateway is installed */
    public static Optional<String> defaultId(KeycloakSessionFactory sessionFactory) {
        Optional<String> keycloaksChoice = Optional.ofNullable(sessionFactory.getProviderFactory(MessageGateway.class))
                .map(ProviderFactory::getId);
        if (Config.getProvider(MessageGatewaySpi.NAME) != null
                || Config.getDefaultProvider(MessageGatewaySpi.NAME) != null) {
            return keycloaksChoice;
        }
        Optional<String> configured = preferredId(sessionFactory.getProviderFactoriesStream(MessageGateway.class));
        return configured.isPresent() ? configured : keycloaksChoice;
    }

    /** The ids of every installed gateway, sorted: what admins may pick. */
    public static List<String> installedIds(KeycloakSessionFactory sessionFactory) {
        return sessionFactory.getProviderFactoriesStream(MessageGateway.class).map(ProviderFactory::getId).sorted().toList();
    }

    /** Highest order() above 0; a tie goes to the alphabetically first id, so every node of a cluster agrees. */
    @SuppressWarnings("rawtypes") // KeycloakSessionFactory hands out raw ProviderFactory streams
    static Optional<String> preferredId(Stream<? extends ProviderFactory> factories) {
        Comparator<ProviderFactory> highestOrderFirst = Comparator.<ProviderFactory>comparingInt(ProviderFactory::order)
                .reversed()
                .thenComparing(ProviderFactory::getId);
        return factories.filter(f -> f.order() > 0).min(highestOrderFirst).map(ProviderFactory::getId);
    }
}
