package org.mfasuite.keycloak.geo;

import java.nio.file.Path;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code --spi-mfa-geo--maxmind--database=<.mmdb>} (GeoLite2 / DB-IP Lite, Country or City) and
 * {@code --spi-mfa-geo--maxmind--anonymous-networks=<text file>}; both optional. The default of {@code mfa-geo}.
 */
public class MaxMindPlaceLocatorFactory implements PlaceLocatorFactory {

    static final String DATABASE = "database";
    static final String ANONYMOUS_NETWORKS = "anonymous-networks";

    private MaxMindPlaceLocator locator;

    @Override
    public void init(Config.Scope config) {
        locator = new MaxMindPlaceLocator(path(config.get(DATABASE)), path(config.get(ANONYMOUS_NETWORKS)),
                () -> System.nanoTime() / 1_000_000);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        locator.load();
    }

    @Override
    public PlaceLocator create(KeycloakSession session) {
        return locator;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return MaxMindPlaceLocator.PROVIDER_ID;
    }

    /** The suite's only mfa-geo provider, and its default when another jar adds one. */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property(DATABASE, "Database", "MaxMind-format .mmdb file (GeoLite2 or DB-IP Lite, Country or City);"
                        + " countries are unknown without it", ProviderConfigProperty.STRING_TYPE, null, null)
                .property(ANONYMOUS_NETWORKS, "Anonymous networks", "Text file, one IPv4/IPv6 address or CIDR range a"
                        + " line (# comments), e.g. Tor exit nodes", ProviderConfigProperty.STRING_TYPE, null, null)
                .build();
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }
}
