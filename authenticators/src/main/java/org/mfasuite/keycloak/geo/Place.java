package org.mfasuite.keycloak.geo;

import java.util.Locale;

/**
 * Where a client address is, as far as the operator's databases tell.
 *
 * @param country   ISO 3166-1 alpha-2 code, upper case; null when unknown (no database, private or loopback
 *                  address, an address the database cannot place)
 * @param latitude  from a City database; null without one
 * @param longitude from a City database; null without one
 * @param anonymous the address is in the operator's list of anonymous networks (e.g. Tor exit nodes)
 */
public record Place(String country, Double latitude, Double longitude, boolean anonymous) {

    public static final Place UNKNOWN = new Place(null, null, null, false);

    public Place {
        country = country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
    }

    /** Whether a City database gave coordinates. */
    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
