package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.CodeVerifier.Result;
import org.mfasuite.keycloak.challenge.CodeVerifier.Verdict;

class CodeVerifierTest {

    private static final CodeSettings SETTINGS = CodeSettings.defaults(); // 6 digits, 300 s, 3 tries
    private static final long NOW = 1_000_000;
    private static final String PHONE = "phone-1";
    private static final String CODE = "123456";
    private static final String WRONG_CODE = "654321";
    private static final Pepper PEPPER = Pepper.derive("kid-1", "realm-hmac-key-bytes".getBytes(StandardCharsets.UTF_8));

    private final RequestScopedStore singleUse = new RequestScopedStore();
    private final MapNotes notes = new MapNotes();
    private final ChallengeStore store = new ChallengeStore(notes, "mfa-test");
    private final Map<String, Pepper> realmKeys = new ConcurrentHashMap<>(Map.of(PEPPER.kid(), PEPPER));
    private final AtomicLong clock = new AtomicLong(NOW);
    private final ExecutorService pool = Executors.newFixedThreadPool(32);

    /** The realm's keys as a map: remove one to rotate it away. */
    private final PepperKeys keys = new PepperKeys() {
        @Override
        public Optional<Pepper> active() {
            return Optional.ofNullable(realmKeys.get(PEPPER.kid()));
        }

        @Override
        public Optional<Pepper> byKid(String kid) {
            return Optional.ofNullable(kid == null ? null : realmKeys.get(kid));
        }
    };

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void theRightCodeIsValidOnceAndThenGone() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        assertEquals(new Verdict(Result.VALID, 0), verify(" 123-456 "));
        assertNull(store.load(), "a used code leaves no challenge behind");
        assertEquals(Result.EXPIRED, verify(CODE).result());
    }

    @Test
    void aTypoIsMalformedAndCostsNoTry() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        for (String typo : new String[]{"12ab56", "", null, "12345", "1234567"}) {
            assertEquals(new Verdict(Result.MALFORMED, 3), verify(typo), "typo " + typo);
        }
        assertTrue(singleUse.keys().isEmpty(), "no try slot taken: " + singleUse.keys());
        assertEquals(new Verdict(Result.WRONG, 2), verify(WRONG_CODE));
    }

    @Test
    void wrongCodesCountDownThenEvenTheRightCodeIsExhausted() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        assertEquals(new Verdict(Result.WRONG, 2), verify(WRONG_CODE));
        assertEquals(new Verdict(Result.WRONG, 1), verify(WRONG_CODE));
        assertEquals(new Verdict(Result.WRONG, 0), verify(WRONG_CODE));
        assertEquals(new Verdict(Result.EXHAUSTED, 0), verify(CODE));
        assertEquals(3, store.load().attempts(), "the tries are kept with the challenge");
    }

    @Test
    void theCodeExpiresByTheClock() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        clock.set(NOW + SETTINGS.ttlSeconds());
        assertEquals(new Verdict(Result.EXPIRED, 0), verify(CODE));
        assertTrue(singleUse.keys().isEmpty(), "an expired code takes no try");

        clock.set(NOW + SETTINGS.ttlSeconds() - 1);
        assertEquals(Result.VALID, verify(CODE).result(), "valid until the last second");
    }

    @Test
    void withNothingPendingEveryCodeIsExpired() {
        assertEquals(new Verdict(Result.EXPIRED, 0), verify(CODE));
        assertEquals(new Verdict(Result.EXPIRED, 0), verify("12ab"), "not even a format hint without a code");
    }

    @Test
    void aCodeForATargetNoLongerValidIsExpired() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        Verdict verdict = verifier().verify(CODE, "phone-2"::equals);

        assertEquals(new Verdict(Result.EXPIRED, 0), verdict, "a code sent to a removed phone no longer counts");
        assertTrue(singleUse.keys().isEmpty());
    }

    @Test
    void aCodeWhoseRealmKeyIsGoneIsExpiredNotWrong() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));
        realmKeys.clear();

        assertEquals(new Verdict(Result.EXPIRED, 0), verify(CODE));
        assertTrue(singleUse.keys().isEmpty(), "the user's tries are not spent on a key the server lost");
    }

    @Test
    void aCodeHashedWithoutARealmKeyIsExpiredWhateverTheKeysSay() {
        Pepper none = new Pepper(CodeVerifier.NO_KEY_KID, new byte[0]);
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, none));
        realmKeys.put(none.kid(), none); // even a lookup that answers for "none" is not asked

        assertEquals(new Verdict(Result.EXPIRED, 0), verify(CODE));
    }

    @Test
    void aRotatedKeyStillChecksTheCodesHashedWithIt() {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));
        realmKeys.put("kid-2", Pepper.derive("kid-2", "the-new-key".getBytes(StandardCharsets.UTF_8)));

        assertEquals(Result.VALID, verify(CODE).result());
    }

    @Test
    void aUsedCodeStaysUsedEvenWhenAStaleCopyOfTheChallengeComesBack() {
        CodeChallenge challenge = CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER);
        store.save(challenge);
        assertEquals(Result.VALID, verify(CODE).result());

        store.save(challenge); // e.g. a node that had not seen the clear yet
        assertEquals(Result.EXPIRED, verify(CODE).result(), "the cluster-wide used marker blocks the replay");
    }

    @Test
    void manyParallelWrongGuessesNeverGetMoreChecksThanTheTries() throws Exception {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        List<Result> results = inParallel(32, i -> String.format("%06d", 200_000 + i));

        long wrong = results.stream().filter(Result.WRONG::equals).count();
        long exhausted = results.stream().filter(Result.EXHAUSTED::equals).count();
        assertEquals(SETTINGS.maxAttempts(), wrong, "checks that reached the code: " + results);
        assertEquals(32 - SETTINGS.maxAttempts(), exhausted, results.toString());
        assertEquals(Result.EXHAUSTED, verify(CODE).result(), "no try left for the right code either");
    }

    @Test
    void theSameRightCodeSubmittedInParallelSucceedsExactlyOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            singleUse.clear();
            store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

            List<Result> results = inParallel(2, i -> CODE);

            assertEquals(1, results.stream().filter(Result.VALID::equals).count(), "round " + round + ": " + results);
            assertEquals(1, results.stream().filter(Result.EXPIRED::equals).count(), "round " + round + ": " + results);
        }
    }

    @Test
    void manyParallelSubmitsOfTheRightCodeSucceedAtMostOnce() throws Exception {
        store.save(CodeChallenge.issue(PHONE, CODE, NOW, SETTINGS, PEPPER));

        List<Result> results = inParallel(32, i -> CODE);

        assertEquals(1, results.stream().filter(Result.VALID::equals).count(), results.toString());
        assertFalse(results.contains(Result.WRONG), results.toString());
    }

    private Verdict verify(String entered) {
        return verifier().verify(entered, PHONE::equals);
    }

    /** A verifier per request, as Keycloak builds one per HTTP request; all share the stores. */
    private CodeVerifier verifier() {
        return verifier(store);
    }

    private CodeVerifier verifier(ChallengeStore requestStore) {
        return new CodeVerifier(requestStore, SETTINGS, singleUse, keys, clock::get);
    }

    /**
     * Submits {@code threads} codes at once and collects what each submit found. Each request reads the
     * session notes as they were when all of them arrived: only the single-use store is shared, as in a
     * cluster.
     */
    private List<Result> inParallel(int threads, IntFunction<String> code) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String entered = code.apply(i);
            CodeVerifier request = verifier(new ChallengeStore(notes.copy(), "mfa-test"));
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return request.verify(entered, PHONE::equals).result();
            }));
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        go.countDown();
        List<Result> results = new ArrayList<>();
        for (Future<Result> future : futures) {
            results.add(future.get(10, TimeUnit.SECONDS));
        }
        return results;
    }
}
