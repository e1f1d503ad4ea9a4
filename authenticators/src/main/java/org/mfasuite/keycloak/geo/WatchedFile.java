package org.mfasuite.keycloak.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * A file the operator supplies, read again when it changes: on use, at most once per interval, the request that
 * comes first compares the file's modification time, size and identity with the loaded one (no extra thread). A
 * file that is missing or fails to read keeps the previous value and is logged once per change. Node-local by
 * design: each node reads its own copy of the operator's file.
 */
final class WatchedFile<T> {

    static final long CHECK_INTERVAL_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(WatchedFile.class);

    interface Loader<T> {
        T load(Path path) throws IOException;
    }

    private record Stamp(Object key, long modified, long size) {
    }

    private record Loaded<T>(T value, Stamp stamp) {
    }

    private final String what;
    private final Path path;
    private final Loader<T> loader;
    private final Function<T, String> describe;
    private final LongSupplier clockMillis;
    private final AtomicLong nextCheck = new AtomicLong(Long.MIN_VALUE);
    private volatile Loaded<T> loaded;
    private Stamp failed; // the file version whose failure was logged; guarded by this

    /**
     * @param what     names the file in log lines ("country database")
     * @param describe what a loaded value says in the log (type, build date, entries); never addresses
     */
    WatchedFile(String what, Path path, Loader<T> loader, Function<T, String> describe, LongSupplier clockMillis) {
        this.what = what;
        this.path = path;
        this.loader = loader;
        this.describe = describe;
        this.clockMillis = clockMillis;
    }

    /** The loaded value (null when none could be read yet), checking the file first when the interval is over. */
    T get() {
        long now = clockMillis.getAsLong();
        long next = nextCheck.get();
        if (now >= next && nextCheck.compareAndSet(next, now + CHECK_INTERVAL_MILLIS)) {
            refresh();
        }
        Loaded<T> current = loaded;
        return current == null ? null : current.value();
    }

    synchronized void refresh() {
        Loaded<T> current = loaded;
        Stamp stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            stamp = new Stamp(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            stamp = new Stamp(null, -1, -1);
            if (!stamp.equals(failed)) {
                failed = stamp;
                LOG.warnf("mfa-geo: %s %s %s%s", what, path,
                        e instanceof NoSuchFileException ? "is missing" : "cannot be read: " + e.getMessage(),
                        current == null ? "; none in use until it can be read" : "; keeping the version loaded before");
            }
            return;
        }
        if (current != null && stamp.equals(current.stamp()) || stamp.equals(failed)) {
            return;
        }
        try {
            T value = Objects.requireNonNull(loader.load(path));
            loaded = new Loaded<>(value, stamp);
            failed = null;
            LOG.infof("mfa-geo: %s %s loaded%s: %s", what, path, current == null ? "" : " again (changed)",
                    describe.apply(value));
        } catch (IOException | RuntimeException e) {
            failed = stamp;
            LOG.warnf("mfa-geo: %s %s cannot be read (%s)%s", what, path, e.getMessage(),
                    current == null ? "; none in use until it can be read" : "; keeping the version loaded before");
        }
    }
}
