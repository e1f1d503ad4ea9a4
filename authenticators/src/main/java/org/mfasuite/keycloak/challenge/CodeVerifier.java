package org.mfasuite.keycloak.challenge;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Checks an entered code against the pending challenge, for every method: format first (a typo costs no
 * try), then expiry, the try budget, the code itself in constant time, and single use across the cluster.
 */
public final class CodeVerifier {

    /** What the check found. */
    public enum Result {
        /** Right code, now used up. */
        VALID,
        /** Not a code of the configured length (empty, letters, too short): no try is counted. */
        MALFORMED,
        /** Wrong code, counted; {@link Verdict#attemptsLeft()} says how many remain. */
        WRONG,
        /** No code pending, expired, for another target, or already used. */
        EXPIRED,
        /** The tries for this code are used up: only a new code helps. */
        EXHAUSTED
    }

    /** A result and the tries left for the pending code. */
    public record Verdict(Result result, int attemptsLeft) {
    }

    /** The kid of challenges hashed without a realm key (before keys were required): never checkable. */
    static final String NO_KEY_KID = "none";

    private final ChallengeStore store;
    private final CodeSettings settings;
    private final SingleUseObjectProvider singleUse;
    private final PepperKeys keys;
    private final LongSupplier clock;

    /**
     * @param singleUse Keycloak's cluster-wide single-use store: try slots and the used-code marker
     * @param keys      the peppers pending codes were hashed with
     * @param clock     Keycloak time in seconds ({@code Time::currentTime} follows the server's offset)
     */
    public CodeVerifier(ChallengeStore store, CodeSettings settings, SingleUseObjectProvider singleUse, PepperKeys keys,
                        LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.singleUse = singleUse;
        this.keys = keys;
        this.clock = clock;
    }

    /** The verifier as Keycloak runs it: the session's single-use store, the realm's keys, Keycloak's clock. */
    public static CodeVerifier of(KeycloakSession session, RealmModel realm, ChallengeStore store, CodeSettings settings) {
        return new CodeVerifier(store, settings, session.singleUseObjects(), new RealmPepperKeys(session, realm),
                Time::currentTime);
    }

    private int claimTry(CodeChallenge pending, int max, long now) {
        long lifespan = Math.max(1, pending.expiresAt() - now);
        for (int slot = 0; slot < max; slot++) {
            if (singleUse.putIfAbsent("mfa-try:" + pending.id() + ":" + slot, lifespan)) {
                return slot;
            }
        }
        return -1;
    }

    /** @param stillValidTarget whether the code's target (phone, number) may still be used */
    public Verdict verify(String entered, Predicate<String> stillValidTarget) {
        CodeChallenge pending = store.load();
        if (pending == null || !stillValidTarget.test(pending.target())) {
            return new Verdict(Result.EXPIRED, 0);
        }
        int max = settings.maxAttempts();
        String code = CodeChallenge.normalise(entered);
        if (code.length() != settings.length() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Verdict(Result.MALFORMED, pending.attemptsLeft(max));
        }
        long now = clock.getAsLong();
        if (!pending.isLive(now)) {
            return new Verdict(Result.EXPIRED, 0);
        }
        // The realm key it was hashed with is gone, or there never was one: not the user's fault.
        Pepper pepper = NO_KEY_KID.equals(pending.kid()) ? null : keys.byKid(pending.kid()).orElse(null);
        if (pepper == null) {
            return new Verdict(Result.EXPIRED, 0);
        }
        // Each check takes one of max try slots cluster-wide first, so parallel guesses cannot all
        // see the same "tries used" in the session notes.
        int slot = claimTry(pending, max, now);
        if (slot < 0) {
            return new Verdict(Result.EXHAUSTED, 0);
        }
        switch (pending.check(code, now, max, pepper)) {
            case VALID -> {
                // A concurrent or replayed submit of the same code loses this cluster-wide race.
                boolean first = singleUse.putIfAbsent("mfa-code-used:" + pending.id(),
                        Math.max(1, pending.expiresAt() - now));
                store.clear();
                return new Verdict(first ? Result.VALID : Result.EXPIRED, 0);
            }
            case WRONG -> {
                CodeChallenge counted = pending.withFailedAttempt();
                store.save(counted);
                return new Verdict(Result.WRONG, Math.min(counted.attemptsLeft(max), max - slot - 1));
            }
            case EXHAUSTED -> {
                return new Verdict(Result.EXHAUSTED, 0);
            }
            default -> {
                return new Verdict(Result.EXPIRED, 0);
            }
        }
    }
}
