package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.SendLimiter.Status;

class SendLimiterTest {

    private static final CodeSettings SETTINGS = CodeSettings.defaults();

    @Test
    void fiveSendsInTheWindowThenWaitUntilTheOldestAgesOut() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        for (int i = 0; i < 5; i++) {
            assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1000 + i * 40, SETTINGS, true).status(), "send " + (i + 1));
        }
        assertEquals(new SendLimiter.Decision(Status.LIMITED, 110), limiter.acquire("realm:user", 1190, SETTINGS, true),
                "the first send (t=1000) frees its slot at t=1300");

        assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1300, SETTINGS, true).status());
        assertEquals(Status.LIMITED, limiter.acquire("realm:user", 1339, SETTINGS, true).status(), "still five in the window");
    }

    @Test
    void theResendDelayCountsFromTheUsersLatestSendWhereverItCameFrom() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1000, SETTINGS, false).status());
        assertEquals(new SendLimiter.Decision(Status.TOO_SOON, 20), limiter.acquire("realm:user", 1010, SETTINGS, true));
        assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1010, SETTINGS, false).status(), "a sign-in's first code is not delayed");
        assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1040, SETTINGS, true).status());
    }

    @Test
    void atTheLimitTheLongerWaitIsTold() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        for (int i = 0; i < 5; i++) {
            limiter.acquire("realm:user", 1000 + i * 40, SETTINGS, false);
        }
        assertEquals(new SendLimiter.Decision(Status.LIMITED, 135), limiter.acquire("realm:user", 1165, SETTINGS, true),
                "not 'wait 25 seconds' for a send that then would still be refused");
    }

    @Test
    void aReleasedSlotCountsNeitherForTheLimitNorTheDelay() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        SendLimiter.Decision failed = limiter.acquire("realm:user", 1000, SETTINGS, false);
        limiter.release(failed);
        assertEquals(Status.ALLOWED, limiter.acquire("realm:user", 1001, SETTINGS, true).status(),
                "a send the gateway refused does not start the resend delay");
    }

    @Test
    void usersAreCountedApart() {
        SendLimiter limiter = new SendLimiter(new MapStore());
        for (int i = 0; i < 5; i++) {
            limiter.acquire("realm:alice", 1000, SETTINGS, false);
        }
        assertEquals(Status.LIMITED, limiter.acquire("realm:alice", 1000, SETTINGS, false).status());
        assertEquals(Status.ALLOWED, limiter.acquire("realm:bob", 1000, SETTINGS, true).status());
    }

    @Test
    void aSlotJustTakenByAnotherNodeCountsAsUsed() {
        MapStore store = new MapStore();
        SendLimiter limiter = new SendLimiter(store);
        CodeSettings one = new CodeSettings(6, 300, 3, 1, 300, 30);
        store.putIfAbsent("mfa-send:realm:user:0", 360); // taken, time not written yet
        assertEquals(Status.LIMITED, limiter.acquire("realm:user", 5000, one, false).status());
    }
}
