package org.mfasuite.keycloak.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.SendQuota.Request;
import org.mfasuite.keycloak.challenge.SendQuota.Status;

/** The toll-fraud budgets: per number, per client address, per realm; counted like the cluster counts them. */
class SendQuotaTest {

    /** 3600 * 1000: the start of a clock hour, so window arithmetic is easy to read. */
    private static final long HOUR_START = 3_600_000;
    private static final SendLimits LIMITS = SendLimits.defaults();

    private static Request request(String user, String number, String ip) {
        return new Request("realm", user, number, ip, false);
    }

    @Test
    void aNumberGetsAtMostItsHourlyBudgetWhoeverAsks() {
        SendQuota quota = new SendQuota(new RequestScopedStore());
        for (int i = 0; i < 10; i++) {
            assertTrue(quota.acquire(request("user" + i, "+46701234567", "10.0.0." + i), HOUR_START + i, LIMITS).allowed());
        }
        SendQuota.Permit refused = quota.acquire(request("user10", "+46701234567", "10.0.0.10"), HOUR_START + 600, LIMITS);
        assertEquals(Status.NUMBER_LIMIT, refused.status());
        assertEquals(3000, refused.waitSeconds(), "until the hour ends");
        assertTrue(quota.acquire(request("user10", "+46701234567", "10.0.0.10"), HOUR_START + 3600, LIMITS).allowed(),
                "a new hour, a new budget");
    }

    @Test
    void oneAddressCannotPumpManyAccountsAndNumbers() {
        SendQuota quota = new SendQuota(new RequestScopedStore());
        SendLimits small = new SendLimits(5, 300, 30, 10, 3, 2000);
        for (int i = 0; i < 3; i++) {
            assertTrue(quota.acquire(request("user" + i, "+4670000000" + i, "203.0.113.9"), HOUR_START, small).allowed());
        }
        assertEquals(Status.IP_LIMIT, quota.acquire(request("user9", "+46700000009", "203.0.113.9"), HOUR_START, small).status());
        assertTrue(quota.acquire(request("user9", "+46700000009", "203.0.113.10"), HOUR_START, small).allowed(),
                "another address is counted apart");
    }

    @Test
    void theRealmBudgetIsACeilingAndARefusalHoldsNothing() {
        RequestScopedStore store = new RequestScopedStore();
        SendQuota quota = new SendQuota(store);
        SendLimits ceiling = new SendLimits(5, 300, 30, 10, 200, 2);
        assertTrue(quota.acquire(request("a", "+46700000001", "10.0.0.1"), HOUR_START, ceiling).allowed());
        assertTrue(quota.acquire(request("b", "+46700000002", "10.0.0.2"), HOUR_START, ceiling).allowed());
        assertEquals(Status.REALM_LIMIT, quota.acquire(request("c", "+46700000003", "10.0.0.3"), HOUR_START, ceiling).status());
        // c's own slot, number ticket and address ticket were given back: only the realm is full
        assertEquals(0, quota.userWaitSeconds("realm", "c", HOUR_START, ceiling, true));
        assertTrue(new WindowBudget(store).claim("number:realm:+46700000003", 1, 3600, HOUR_START) != null);
    }

    @Test
    void theUsersOwnLimitsComeFirst() {
        SendQuota quota = new SendQuota(new RequestScopedStore());
        SendQuota.Permit first = quota.acquire(new Request("realm", "u", "+46700000001", "10.0.0.1", true), HOUR_START, LIMITS);
        assertTrue(first.allowed());
        quota.commit(first);
        SendQuota.Permit tooSoon = quota.acquire(new Request("realm", "u", "+46700000001", "10.0.0.1", true), HOUR_START + 10, LIMITS);
        assertEquals(Status.TOO_SOON, tooSoon.status());
        assertEquals(20, tooSoon.waitSeconds());
    }

    @Test
    void eachRequestWritesEachKeyOnceAsKeycloaksStoreRequires() {
        RequestScopedStore store = new RequestScopedStore();
        SendLimits ceiling = new SendLimits(5, 300, 30, 10, 200, 1);
        SendQuota quota = new SendQuota(store);
        SendQuota.Permit sent = quota.acquire(request("a", "+46700000001", "10.0.0.1"), HOUR_START, ceiling);
        quota.commit(sent);
        store = store.nextRequest();
        quota = new SendQuota(store);
        // refused by the realm budget after the number and address tickets were taken: they are given back
        assertEquals(Status.REALM_LIMIT, quota.acquire(request("b", "+46700000002", "10.0.0.2"), HOUR_START + 1, ceiling).status());
        store = store.nextRequest();
        quota = new SendQuota(store);
        SendQuota.Permit refusedByGateway = quota.acquire(request("a", "+46700000001", "10.0.0.1"), HOUR_START + 40,
                new SendLimits(5, 300, 30, 10, 200, 5));
        quota.notDelivered(refusedByGateway);
        store = store.nextRequest();
        assertEquals(29, new SendQuota(store).userWaitSeconds("realm", "a", HOUR_START + 41, ceiling, true),
                "the failed attempt counts for the user: failing sends cannot be repeated freely");
        assertTrue(new SendQuota(store).acquire(request("a", "+46700000001", "10.0.0.1"), HOUR_START + 71,
                new SendLimits(5, 300, 30, 2, 200, 5)).allowed(), "the released number ticket is found again");
    }

    @Test
    void aSendThatCertainlyFailedGivesTheBudgetsBackButCountsForTheUser() {
        SendQuota quota = new SendQuota(new RequestScopedStore());
        SendLimits one = new SendLimits(1, 300, 30, 1, 1, 1);
        SendQuota.Permit permit = quota.acquire(request("u", "+46700000001", "10.0.0.1"), HOUR_START, one);
        assertTrue(permit.allowed());
        quota.notDelivered(permit);
        assertEquals(Status.USER_LIMIT, quota.acquire(request("u", "+46700000001", "10.0.0.1"), HOUR_START + 1, one).status(),
                "the user's own limit counts the attempt");
        assertTrue(quota.acquire(request("v", "+46700000001", "10.0.0.1"), HOUR_START + 1, one).allowed(),
                "the number, address and realm got their places back");
    }

    @Test
    void aTicketReleasedBelowTheHintIsFoundAgainBeforeTheBudgetRefuses() {
        RequestScopedStore store = new RequestScopedStore();
        WindowBudget budget = new WindowBudget(store);
        WindowBudget.Ticket a = budget.claim("realm:r", 2, 3600, HOUR_START);
        WindowBudget.Ticket b = budget.claim("realm:r", 2, 3600, HOUR_START);
        budget.release(a);          // A's gateway refused: its place is free again ...
        budget.commit(b);           // ... but B's commit moves the hint past it
        store = store.nextRequest();
        assertNotNull(new WindowBudget(store).claim("realm:r", 2, 3600, HOUR_START), "the hole is not lost for the hour");
        assertNull(new WindowBudget(store).claim("realm:r", 2, 3600, HOUR_START), "and the budget still holds");
    }

    @Test
    void parallelClaimsNeverExceedTheBudget() throws Exception {
        WindowBudget budget = new WindowBudget(new RequestScopedStore());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<WindowBudget.Ticket>> claims = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                claims.add(pool.submit(() -> budget.claim("realm:r", 50, 3600, HOUR_START)));
            }
            int granted = 0;
            for (Future<WindowBudget.Ticket> claim : claims) {
                granted += claim.get(10, TimeUnit.SECONDS) == null ? 0 : 1;
            }
            assertEquals(50, granted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedTicketCanBeClaimedAgainAndFullnessIsExactWithoutReleases() {
        WindowBudget budget = new WindowBudget(new RequestScopedStore());
        WindowBudget.Ticket first = budget.claim("s", 2, 60, 0);
        assertNotNull(budget.claim("s", 2, 60, 1));
        assertTrue(budget.isFull("s", 2, 60, 2));
        assertNull(budget.claim("s", 2, 60, 2));
        budget.release(first);
        assertNotNull(budget.claim("s", 2, 60, 3), "the hole is found again");
        assertEquals(57, WindowBudget.secondsLeft(60, 3));
    }
}
