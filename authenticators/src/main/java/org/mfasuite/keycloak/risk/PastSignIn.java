package org.mfasuite.keycloak.risk;

/**
 * One remembered successful sign-in (or a sign-in now being judged): no address, only what the signals compare.
 *
 * @param time       epoch seconds
 * @param deviceHash SHA-256 of the browser's device cookie, hex; null for a sign-in without one (direct grant)
 * @param location   the country code ({@code SE}), or without one the network ({@code 10.1.0.0/16}, {@code 2001:db8:1::/48});
 *                   null when the address is unknown
 * @param latitude   from a City database; null without one
 * @param longitude  from a City database; null without one
 */
public record PastSignIn(long time, String deviceHash, String location, Double latitude, Double longitude) {

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
