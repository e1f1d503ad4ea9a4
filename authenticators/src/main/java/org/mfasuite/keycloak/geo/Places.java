package org.mfasuite.keycloak.geo;

import org.keycloak.models.KeycloakSession;

/**
 * The one way the suite places an address: {@link Place#UNKNOWN} when no locator is installed or the address is
 * null. An address is placed at most once per request (kept as a session attribute), so the policies and the
 * risk signals of one sign-in share one look-up, and the sign-in's event can name the country it was placed in.
 */
public final class Places {

    private static final String ATTRIBUTE = "mfa-geo.place:";

    private Places() {
    }

    public static Place locate(KeycloakSession session, String address) {
        if (address == null || address.isBlank()) {
            return Place.UNKNOWN;
        }
        String key = ATTRIBUTE + address.trim();
        Place placed = session.getAttribute(key, Place.class);
        if (placed != null) {
            return placed;
        }
        PlaceLocator locator = session.getProvider(PlaceLocator.class);
        Place place = locator == null ? null : locator.locate(address.trim());
        place = place == null ? Place.UNKNOWN : place;
        session.setAttribute(key, place);
        return place;
    }

    /**
     * The country this request placed the address in: null when it placed none (no policy or signal needed it)
     * or the country is unknown. Never looks the address up.
     */
    public static String placedCountry(KeycloakSession session, String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        Place placed = session.getAttribute(ATTRIBUTE + address.trim(), Place.class);
        return placed == null ? null : placed.country();
    }
}
