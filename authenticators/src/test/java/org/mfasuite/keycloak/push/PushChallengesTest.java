package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.RequestScopedStore;
import org.mfasuite.keycloak.push.PushChallenges.Action;
import org.mfasuite.keycloak.push.PushChallenges.Recorded;
import org.mfasuite.keycloak.push.PushChallenges.Result;

class PushChallengesTest {

    static final long NOW = 1_800_000_000L;
    RequestScopedStore request = new RequestScopedStore();

    private PushChallenge challenge(String id, String user) {
        return new PushChallenge(id, user, new NumberMatch(42, List.of(17, 42, 86)), NOW, NOW + 60,
                "Account Console", "203.0.113.7", "Firefox", "Windows", 20);
    }

    /** A sign-in stores a request; the device's next request sees it. */
    private PushChallenges opened(PushChallenge challenge) {
        assertTrue(new PushChallenges(request).open(challenge, NOW));
        request = request.nextRequest();
        return new PushChallenges(request);
    }

    @Test
    void aDeviceSeesItsUsersPendingRequestsOnly() {
        opened(challenge("c1", "alice"));
        PushChallenges store = opened(challenge("c2", "bob"));
        assertEquals(List.of("c1"), store.pending("alice", NOW).stream().map(PushChallenge::id).toList());
        PushChallenge seen = store.pending("alice", NOW).get(0);
        assertEquals(List.of(17, 42, 86), seen.match().choices());
        assertEquals("Firefox", seen.browser());
        assertTrue(store.pending("alice", NOW + 60).isEmpty(), "expired requests are not offered");
    }

    @Test
    void approvalNeedsTheShownNumber() {
        PushChallenges store = opened(challenge("c1", "alice"));
        assertEquals(Result.WRONG_NUMBER, store.answer("c1", "alice", Action.APPROVE, 17, "Pixel", "cred", NOW).result());
        request = request.nextRequest();
        assertEquals(Result.WRONG_NUMBER, new PushChallenges(request).answerOf("c1").result());

        store = opened(challenge("c2", "alice"));
        assertEquals(Result.APPROVED, store.answer("c2", "alice", Action.APPROVE, 42, "Pixel", "cred", NOW).result());
        request = request.nextRequest();
        PushChallenges.Answer answer = new PushChallenges(request).answerOf("c2");
        assertEquals("Pixel", answer.deviceLabel());
        assertEquals("cred", answer.deviceCredentialId());
    }

    @Test
    void anotherUsersExpiredOrAnsweredRequestIsRefused() {
        PushChallenges store = opened(challenge("c1", "alice"));
        assertEquals(Recorded.NOT_FOUND, store.answer("c1", "mallory", Action.APPROVE, 42, "x", "x", NOW).recorded());
        assertEquals(Recorded.NOT_FOUND, store.answer("nope", "alice", Action.DENY, null, "x", "x", NOW).recorded());
        assertEquals(Recorded.EXPIRED, store.answer("c1", "alice", Action.APPROVE, 42, "x", "x", NOW + 60).recorded());
        assertEquals(Recorded.RECORDED, store.answer("c1", "alice", Action.DENY, null, "x", "x", NOW).recorded());
        assertEquals(Recorded.ALREADY_ANSWERED, store.answer("c1", "alice", Action.APPROVE, 42, "x", "x", NOW).recorded());
        assertTrue(store.pending("alice", NOW).isEmpty());
    }

    @Test
    void theFirstOfManyParallelAnswersWins() throws Exception {
        opened(challenge("c1", "alice"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Recorded>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RequestScopedStore own = request.nextRequest();
            Action action = i % 2 == 0 ? Action.APPROVE : Action.DENY;
            answers.add(pool.submit(() -> new PushChallenges(own).answer("c1", "alice", action, 42, "d", "d", NOW).recorded()));
        }
        int recorded = 0;
        for (Future<Recorded> answer : answers) {
            recorded += answer.get() == Recorded.RECORDED ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, recorded);
    }

    @Test
    void anApprovalIsTakenOnce() {
        PushChallenges store = opened(challenge("c1", "alice"));
        store.answer("c1", "alice", Action.APPROVE, 42, "d", "d", NOW);
        request = request.nextRequest();
        store = new PushChallenges(request);
        assertTrue(store.isAnswered("c1"));
        assertNotNull(store.consume("c1"));
        assertNull(store.consume("c1"), "a replayed Continue finds nothing");
    }

    @Test
    void atMostTenOpenPerUserAndAnswersFreeTheirSlot() {
        for (int i = 0; i < PushChallenges.MAX_PENDING; i++) {
            opened(challenge("c" + i, "alice"));
        }
        PushChallenges store = new PushChallenges(request);
        assertFalse(store.open(challenge("c-extra", "alice"), NOW));
        assertTrue(store.open(challenge("b1", "bob"), NOW), "another user's slots are their own");
        store.answer("c3", "alice", Action.DENY, null, "d", "d", NOW);
        request = request.nextRequest();
        assertTrue(new PushChallenges(request).open(challenge("c-next", "alice"), NOW));
    }

    @Test
    void aClosedRequestCanNoLongerBeAnswered() {
        PushChallenges store = opened(challenge("c1", "alice"));
        store.close("c1", NOW);
        assertEquals(Recorded.ALREADY_ANSWERED, store.answer("c1", "alice", Action.APPROVE, 42, "d", "d", NOW).recorded());
        assertTrue(store.pending("alice", NOW).isEmpty());
    }

    @Test
    void typedNumbersAreTwoDigitsAndTheDeviceIsOfferedNothing() {
        for (int i = 0; i < 500; i++) {
            NumberMatch match = NumberMatch.draw(NumberMatch.Mode.TYPE);
            assertTrue(match.number() >= 10 && match.number() <= 99);
            assertEquals(java.util.List.of(), match.choices());
            assertEquals(NumberMatch.Mode.TYPE, match.mode());
            assertTrue(match.matches(match.number()));
            assertFalse(match.matches(match.number() == 99 ? 10 : match.number() + 1));
        }
        PushChallenge typed = new PushChallenge("c2", "alice", new NumberMatch(42, java.util.List.of()), NOW, NOW + 60,
                "app", "203.0.113.7", "Firefox", "Linux", 20);
        assertEquals(typed, PushChallenge.fromNotes(typed.toNotes()));
    }

    @Test
    void numbersAreTwoDigitsAmongThreeDistinctChoices() {
        for (int i = 0; i < 500; i++) {
            NumberMatch match = NumberMatch.draw(NumberMatch.Mode.CHOOSE);
            assertTrue(match.number() >= 10 && match.number() <= 99);
            assertEquals(3, match.choices().stream().distinct().count());
            assertTrue(match.choices().contains(match.number()));
            assertTrue(match.matches(match.number()));
            assertFalse(match.matches(null));
        }
    }

    @Test
    void challengesSurviveTheirNotes() {
        PushChallenge original = challenge("c1", "alice");
        assertEquals(original, PushChallenge.fromNotes(original.toNotes()));
        assertNull(PushChallenge.fromNotes(java.util.Map.of("id", "x")));
    }
}
