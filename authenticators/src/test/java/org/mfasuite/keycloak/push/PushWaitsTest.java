package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.RequestScopedStore;

class PushWaitsTest {

    private static final long NOW = 1_000_000;
    private final RequestScopedStore store = new RequestScopedStore();
    private long nanos = 0;
    private final AtomicInteger sessions = new AtomicInteger();

    private void tick(PushWaits waits) {
        waits.tick(Runnable::run, job -> {
            sessions.incrementAndGet();
            return job.apply(store.nextRequest());
        }, () -> NOW, () -> nanos);
    }

    private static PushWaits.Target enrolment(String id, long expires) {
        return new PushWaits.Target(true, id, expires);
    }

    @Test
    void holdsNoMoreThanTheCapAndFreesASlotWhenAWaitIsAnswered() {
        PushWaits waits = new PushWaits(2);
        List<PushWaits.Status> answers = new ArrayList<>();
        assertTrue(waits.hold(enrolment("a", NOW + 60), 10, answers::add));
        assertTrue(waits.hold(enrolment("b", NOW + 60), 10, answers::add));
        assertFalse(waits.hold(enrolment("c", NOW + 60), 10, answers::add), "the third is refused");
        assertEquals(2, waits.held());
        nanos = 10;
        tick(waits);
        assertEquals(List.of(PushWaits.Status.PENDING, PushWaits.Status.PENDING), answers);
        assertEquals(0, waits.held());
        assertTrue(waits.hold(enrolment("c", NOW + 60), 20, answers::add));
    }

    @Test
    void aTickAnswersWhatIsDoneOrEndedInOneSessionAndKeepsTheRest() {
        PushWaits waits = new PushWaits(10);
        Map<String, PushWaits.Status> answers = new java.util.HashMap<>();
        waits.hold(enrolment("done", NOW + 60), 1_000, s -> answers.put("done", s));
        waits.hold(enrolment("open", NOW + 60), 1_000, s -> answers.put("open", s));
        waits.hold(enrolment("expired", NOW), 1_000, s -> answers.put("expired", s));
        tick(waits);
        assertEquals(Map.of("expired", PushWaits.Status.ENDED), answers, "nothing done yet");
        store.put("mfa-push:enrolled:done", 60, Map.of("credential", "c1"));
        tick(waits);
        assertEquals(PushWaits.Status.DONE, answers.get("done"));
        assertFalse(answers.containsKey("open"), "still held");
        assertEquals(1, waits.held());
        assertEquals(2, sessions.get(), "one fresh session per tick, not per wait");
    }

    @Test
    void anAnswerIsGivenOnceAndNoTickRunsWithoutWaits() {
        PushWaits waits = new PushWaits(10);
        AtomicInteger answered = new AtomicInteger();
        waits.hold(enrolment("x", NOW + 60), 0, s -> answered.incrementAndGet());
        tick(waits);
        tick(waits);
        waits.releaseAll();
        assertEquals(1, answered.get());
        assertEquals(1, sessions.get(), "no session opened while nothing waits");
    }
}
