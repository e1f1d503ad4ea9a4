package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.SendLimiter.Status;

class SendLimiterTest {

    private static final SendLimits SETTINGS = SendLimits.defaults();

    /** One user's sends, each a request of its own on Keycloak's store: take a slot, send, commit. */
    private RequestScopedStore store = new RequestScopedStore();

    private SendLimiter.Decision send(String subject, long now, SendLimits limits, boolean enforceDelay) {
        SendLimiter limiter = new SendLimiter(store);
        SendLimiter.Decision decision = limiter.acquire(subject, now, limits, enforceDelay);
        if (decision.status() == Status.ALLOWED) {
            limiter.commit(decision);
        }
        store = store.nextRequest();
        return decision;
    }

    private SendLimiter.Decision send(long now, boolean enforceDelay) {
        return send("realm:user", now, SETTINGS, enforceDelay);
    }

    @Test
    void fiveSendsInTheWindowThenWaitUntilTheOldestAgesOut() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Status.ALLOWED, send(1000 + i * 40, true).status(), "send " + (i + 1));
        }
        assertEquals(new SendLimiter.Decision(Status.LIMITED, 110), send(1190, true),
                "the first send (t=1000) frees its slot at t=1300");

        assertEquals(Status.ALLOWED, send(1300, true).status());
        assertEquals(Status.LIMITED, send(1339, true).status(), "still five in the window");
    }

    @Test
    void theResendDelayCountsFromTheUsersLatestSendWhereverItCameFrom() {
        assertEquals(Status.ALLOWED, send(1000, false).status());
        assertEquals(new SendLimiter.Decision(Status.TOO_SOON, 20), send(1010, true));
        assertEquals(Status.ALLOWED, send(1010, false).status(), "a sign-in's first code is not delayed");
        assertEquals(Status.ALLOWED, send(1040, true).status());
    }

    @Test
    void atTheLimitTheLongerWaitIsTold() {
        for (int i = 0; i < 5; i++) {
            send(1000 + i * 40, false);
        }
        assertEquals(new SendLimiter.Decision(Status.LIMITED, 135), send(1165, true),
                "not 'wait 25 seconds' for a send that then would still be refused");
    }

    @Test
    void aReleasedSlotCountsNeitherForTheLimitNorTheDelay() {
        SendLimiter limiter = new SendLimiter(store);
        SendLimiter.Decision failed = limiter.acquire("realm:user", 1000, SETTINGS, false);
        limiter.release(failed);
        store = store.nextRequest();
        assertEquals(Status.ALLOWED, send(1001, true).status(), "a send the gateway refused does not start the resend delay");
    }

    @Test
    void aPageCanTellHowLongToWaitWithoutTakingASlot() {
        SendLimiter limiter = new SendLimiter(store);
        assertEquals(0, limiter.waitSeconds("realm:user", 1000, SETTINGS, true), "nothing sent yet");
        send(1000, false);
        limiter = new SendLimiter(store);
        assertEquals(30, limiter.waitSeconds("realm:user", 1000, SETTINGS, true));
        assertEquals(0, limiter.waitSeconds("realm:user", 1000, SETTINGS, false), "a sign-in's first code is not delayed");
        for (int i = 1; i < 5; i++) {
            send(1000 + i * 40, true);
        }
        limiter = new SendLimiter(store);
        assertEquals(300 - 165, limiter.waitSeconds("realm:user", 1165, SETTINGS, false), "at the limit: until the oldest ages out");
        assertEquals(Status.LIMITED, send(1165, false).status(), "peeking took nothing");
    }

    @Test
    void usersAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            send("realm:alice", 1000, SETTINGS, false);
        }
        assertEquals(Status.LIMITED, send("realm:alice", 1000, SETTINGS, false).status());
        assertEquals(Status.ALLOWED, send("realm:bob", 1000, SETTINGS, true).status());
    }

    @Test
    void aSlotTakenByARequestStillSendingCountsAsSentNow() {
        SendLimits one = new SendLimits(1, 300, 30, 10, 200, 2000);
        store.putIfAbsent("mfa-send:realm:user:0", 360); // taken on another node, time not committed yet
        assertEquals(Status.LIMITED, send("realm:user", 5000, one, false).status());
    }

    @Test
    void parallelSendsWithinTheDelayLetExactlyOneGo() {
        // two requests take slots before either commits (numbers posted at once during registration)
        send(1000, false);
        RequestScopedStore a = store.nextRequest();
        SendLimiter.Decision lower = new SendLimiter(a).acquire("realm:user", 1031, SETTINGS, true);
        SendLimiter.Decision higher = new SendLimiter(a).acquire("realm:user", 1031, SETTINGS, true);
        assertEquals(Status.ALLOWED, lower.status(), "the lower slot goes");
        assertEquals(Status.TOO_SOON, higher.status(), "the other waits: it sees a send in flight");
    }

    @Test
    void aStaleSlotIsReapedAndRetakenInOneRequest() {
        SendLimits one = new SendLimits(1, 300, 30, 10, 200, 2000);
        assertEquals(Status.ALLOWED, send("realm:user", 1000, one, false).status());
        assertEquals(Status.ALLOWED, send("realm:user", 1300, one, false).status(), "the old send left the window");
        assertEquals(Status.LIMITED, send("realm:user", 1301, one, false).status());
    }
}
