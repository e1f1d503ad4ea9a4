package org.mfasuite.keycloak.geo;

import org.keycloak.provider.Provider;

/** Places client addresses: country, coordinates, anonymous network. Provided by the {@code mfa-geo} SPI. */
public interface PlaceLocator extends Provider {

    /** @param address an IPv4 or IPv6 literal as Keycloak resolved it; never looked up through DNS */
    Place locate(String address);

    @Override
    default void close() {
    }
}
