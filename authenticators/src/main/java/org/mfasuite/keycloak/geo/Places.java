package org.mfasuite.keycloak.geo;

import org.keycloak.models.KeycloakSession;

/** The one way the suite places an address: {@link Place#UNKNOWN} when no locator is installed or the address is null. */
public final class Places {

    private Places() {
    }

    public static Place locate(KeycloakSession session, String address) {
        if (address == null || address.isBlank()) {
            return Place.UNKNOWN;
        }
        PlaceLocator locator = session.getProvider(PlaceLocator.class);
        Place place = locator == null ? null : locator.locate(address.trim());
        return place == null ? Place.UNKNOWN : place;
    }
}
