package org.mfasuite.keycloak.oath;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, before anything is written, what happens to each row of a parsed file: assigned to a user, put in the
 * pool, or skipped with a reason (duplicate serial in the file or already known, unknown user). Reads Keycloak only
 * through the two narrow lookups, so every rule is unit-tested without a server.
 */
public final class ImportPlan {

    /** upn (username or email) to user id, or null. */
    public interface Directory {
        String userIdFor(String upn);
    }

    /** What the realm already knows about a serial. */
    public interface Registry {
        Known known(String serial);
    }

    /** A serial's state in the realm; {@code STALE}: assigned once, but the user or credential is gone. */
    public record Known(State state, String holder) {
        public static final Known NONE = new Known(State.NONE, null);
    }

    public enum State { NONE, POOLED, ASSIGNED, STALE }

    /** One row's fate. {@code userId} is set for assignments; {@code replacesStale} asks to drop the old entry. */
    public record Step(TokenRow row, Action action, String userId, boolean replacesStale, TokenRow.Problem problem) {
    }

    public enum Action { ASSIGN, POOL, SKIP }

    private final List<Step> steps;

    private ImportPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static ImportPlan of(TokenFile file, Directory directory, Registry registry) {
        Set<String> seen = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (TokenRow row : file.rows()) {
            steps.add(step(row, seen, directory, registry));
        }
        return new ImportPlan(steps);
    }

    private static Step step(TokenRow row, Set<String> seen, Directory directory, Registry registry) {
        if (!row.isOk()) {
            return skip(row, row.problem());
        }
        String key = key(row.serial());
        if (!seen.add(key)) {
            return skip(row, new TokenRow.Problem("duplicate-in-file",
                    "The serial number appears earlier in the file."));
        }
        Known known = registry.known(row.serial());
        if (known.state() == State.POOLED) {
            return skip(row, new TokenRow.Problem("duplicate-existing", "A token with this serial is already in the pool."));
        }
        if (known.state() == State.ASSIGNED) {
            return skip(row, new TokenRow.Problem("duplicate-existing",
                    "A token with this serial is already assigned to " + SafeText.cell(known.holder()) + "."));
        }
        boolean stale = known.state() == State.STALE;
        if (!row.token().hasUpn()) {
            return new Step(row, Action.POOL, null, stale, null);
        }
        String userId = directory.userIdFor(row.token().upn().trim());
        if (userId == null) {
            return skip(row, new TokenRow.Problem("unknown-user",
                    "No user has the username or email " + SafeText.cell(row.token().upn()) + "."));
        }
        return new Step(row, Action.ASSIGN, userId, stale, null);
    }

    private static Step skip(TokenRow row, TokenRow.Problem problem) {
        return new Step(row, Action.SKIP, null, false, problem);
    }

    /** Serials compare without regard to case, as Keycloak compares credential labels. */
    public static String key(String serial) {
        return serial.trim().toLowerCase(Locale.ROOT);
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean hasSkips() {
        return steps.stream().anyMatch(s -> s.action() == Action.SKIP);
    }
}
