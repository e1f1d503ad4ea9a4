package org.mfasuite.keycloak.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.maxmind.db.NoCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Location;

/**
 * One opened MaxMind-format database (GeoLite2 / GeoIP2 / DB-IP, Country or City), memory-mapped, read with
 * MaxMind's reader. A City database also gives coordinates. The country is the record's {@code country}, else its
 * {@code registered_country}.
 */
final class MaxMindDatabase {

    private final DatabaseReader reader;
    private final boolean city;
    private final long size;

    private MaxMindDatabase(DatabaseReader reader, boolean city, long size) {
        this.reader = reader;
        this.city = city;
        this.size = size;
    }

    /** Opens the file; refuses a database that is neither a Country nor a City one (e.g. an ASN database). */
    static MaxMindDatabase open(Path file) throws IOException {
        long size = Files.size(file);
        DatabaseReader reader = new DatabaseReader.Builder(file.toFile())
                .fileMode(Reader.FileMode.MEMORY_MAPPED).withCache(NoCache.getInstance()).build();
        String type = reader.getMetadata().getDatabaseType();
        if (type == null || !(type.contains("City") || type.contains("Country"))) {
            throw new IOException("database type " + type + " is neither a Country nor a City database");
        }
        return new MaxMindDatabase(reader, type.contains("City"), size);
    }

    /** A place without the anonymous flag (the caller adds it); {@link Place#UNKNOWN} when the database has no record. */
    Place locate(InetAddress address) throws IOException {
        try {
            Optional<? extends AbstractCountryResponse> found = city ? reader.tryCity(address) : reader.tryCountry(address);
            if (found.isEmpty()) {
                return Place.UNKNOWN;
            }
            AbstractCountryResponse response = found.get();
            String country = response.getCountry().getIsoCode();
            if (country == null) {
                country = response.getRegisteredCountry().getIsoCode();
            }
            Double latitude = null;
            Double longitude = null;
            if (response instanceof CityResponse cityResponse) {
                Location location = cityResponse.getLocation();
                latitude = location.getLatitude();
                longitude = location.getLongitude();
            }
            return new Place(country, latitude, longitude, false);
        } catch (GeoIp2Exception e) {
            return Place.UNKNOWN;
        }
    }

    /** For the log: type, build date, size; never an address. */
    String describe() {
        var metadata = reader.getMetadata();
        return "type " + metadata.getDatabaseType() + ", built "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(metadata.getBuildDate().toInstant().atZone(ZoneOffset.UTC))
                + ", IPv" + metadata.getIpVersion() + ", " + size + " bytes"
                + (city ? ", with coordinates" : "");
    }
}
