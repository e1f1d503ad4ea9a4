package org.mfasuite.keycloak.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustRulesTest {

    private static final long DAY = 86_400_000L;
    private static final long NOW = 1_800_000_000_000L;
    private static final long CREATED = NOW - 5 * DAY;

    private static TrustRules rules(int days) {
        return new TrustRules(days, 0, 0, 0);
    }

    @Test
    void aDeviceIsTrustedForTheDecisionsDays() {
        assertTrue(rules(30).trusts(CREATED, NOW));
        assertTrue(rules(30).trusts(NOW - 30 * DAY + 1, NOW));
        assertFalse(rules(30).trusts(NOW - 30 * DAY, NOW), "30 days after it was remembered it no longer counts");
    }

    @Test
    void shorteningThePolicyShortensTrust() {
        assertFalse(rules(3).trusts(CREATED, NOW));
    }

    @Test
    void noDaysTrustNothing() {
        assertFalse(rules(0).trusts(CREATED, NOW));
        assertFalse(rules(-1).trusts(CREATED, NOW));
    }

    @Test
    void aSignOutOfTheUserRevokesDevicesRememberedBefore() {
        assertFalse(new TrustRules(30, CREATED / 1000 + 1, 0, 0).trusts(CREATED, NOW));
        assertTrue(new TrustRules(30, CREATED / 1000 - 1, 0, 0).trusts(CREATED, NOW));
    }

    @Test
    void aSignOutOfTheWholeRealmRevokesToo() {
        assertFalse(new TrustRules(30, 0, CREATED / 1000 + 1, 0).trusts(CREATED, NOW));
        assertFalse(new TrustRules(30, CREATED / 1000 - 10, CREATED / 1000 + 1, 0).trusts(CREATED, NOW));
    }

    @Test
    void notBeforeCountsInWholeSecondsAsKeycloaksTokenCheck() {
        long inSecond = (CREATED / 1000) * 1000 + 400;
        assertTrue(new TrustRules(30, inSecond / 1000, 0, 0).trusts(inSecond, NOW),
                "remembered in the same second as the sign-out");
    }

    @Test
    void aPasswordChangeRevokesDevicesRememberedBefore() {
        assertFalse(new TrustRules(30, 0, 0, CREATED + 1).trusts(CREATED, NOW));
        assertFalse(new TrustRules(30, 0, 0, CREATED).trusts(CREATED, NOW));
        assertTrue(new TrustRules(30, 0, 0, CREATED - 1).trusts(CREATED, NOW));
    }

    @Test
    void aDeviceFromTheFutureIsNotTrusted() {
        assertFalse(rules(30).trusts(NOW + 1, NOW));
        assertFalse(rules(30).trusts(0, NOW));
    }

    @Test
    void lastUseIsWrittenAtMostOnceAnHour() {
        assertFalse(TrustRules.touchDue(NOW - 3_599_999, NOW));
        assertTrue(TrustRules.touchDue(NOW - 3_600_000, NOW));
        assertTrue(TrustRules.touchDue(NOW + 60_000, NOW), "a time in the future (clock moved back) is corrected");
    }
}
