package org.mfasuite.keycloak.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Timings of one measured operation, in nanoseconds; percentiles by nearest rank. */
final class Samples {

    private long[] nanos = new long[1024];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    /** The p-th percentile (0 < p ≤ 100) in nanoseconds. */
    long percentile(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }

    long total() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum;
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000.0);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
