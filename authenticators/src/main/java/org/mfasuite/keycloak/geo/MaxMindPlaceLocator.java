package org.mfasuite.keycloak.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Provider {@code maxmind} of {@code mfa-geo}: the country (and with a City database the coordinates) from the
 * operator's MaxMind-format database, the anonymous flag from the operator's list. Both files are optional and
 * reloaded when they change ({@link WatchedFile}). Loopback, private and unplaceable addresses are
 * {@link Place#UNKNOWN}. One instance per node, shared by all sessions.
 */
public final class MaxMindPlaceLocator implements PlaceLocator {

    public static final String PROVIDER_ID = "maxmind";
    private static final Logger LOG = Logger.getLogger(MaxMindPlaceLocator.class);

    private final WatchedFile<MaxMindDatabase> database;
    private final WatchedFile<AnonymousNetworks> anonymous;
    private final AtomicReference<MaxMindDatabase> failedLookups = new AtomicReference<>();

    /** @param databaseFile, anonymousFile null when not configured */
    public MaxMindPlaceLocator(Path databaseFile, Path anonymousFile, LongSupplier clockMillis) {
        this.database = databaseFile == null ? null : new WatchedFile<>("country database", databaseFile,
                MaxMindDatabase::open, MaxMindDatabase::describe, clockMillis);
        this.anonymous = anonymousFile == null ? null : new WatchedFile<>("anonymous-network list", anonymousFile,
                file -> AnonymousNetworks.parse(Files.readAllLines(file), file.getFileName().toString()),
                list -> "ranges " + list.ranges() + (list.skipped() > 0 ? ", " + list.skipped() + " lines skipped" : ""),
                clockMillis);
    }

    /** Reads both files now (at start), so the log says what was loaded. */
    void load() {
        if (database == null) {
            LOG.info("mfa-geo: no country database configured (--spi-mfa-geo--maxmind--database): countries are unknown");
        } else {
            database.refresh();
        }
        if (anonymous != null) {
            anonymous.refresh();
        }
    }

    @Override
    public Place locate(String text) {
        InetAddress address = IpLiterals.parse(text);
        if (address == null || IpLiterals.isLocal(address)) {
            return Place.UNKNOWN;
        }
        Place place = Place.UNKNOWN;
        MaxMindDatabase current = database == null ? null : database.get();
        if (current != null) {
            try {
                place = current.locate(address);
            } catch (IOException | RuntimeException | InternalError e) {
                // InternalError: the mapped file was truncated under us (copied over in place instead of renamed)
                if (failedLookups.getAndSet(current) != current) {
                    LOG.warnf("mfa-geo: the country database fails look-ups (%s): those addresses are unknown",
                            e.getClass().getSimpleName());
                }
            }
        }
        AnonymousNetworks networks = anonymous == null ? null : anonymous.get();
        if (networks != null && networks.contains(address)) {
            return new Place(place.country(), place.latitude(), place.longitude(), true);
        }
        return place;
    }
}
