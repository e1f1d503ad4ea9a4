package org.mfasuite.keycloak.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HistorySignalsTest {

    private static final long T = 1_800_000_000L;
    // Stockholm, Amsterdam, Sydney
    private static final double[] STO = {59.33, 18.07};
    private static final double[] AMS = {52.37, 4.90};
    private static final double[] SYD = {-33.87, 151.21};

    private static PastSignIn at(long time, String device, String location, double[] where) {
        return new PastSignIn(time, device, location, where == null ? null : where[0], where == null ? null : where[1]);
    }

    @Test
    void firstSignInEverHasNoSignals() {
        assertEquals(Set.of(), HistorySignals.of(List.of(), at(T, "d1", "SE", STO), 10));
    }

    @Test
    void knownDeviceAndPlaceAreFamiliar() {
        List<PastSignIn> history = List.of(at(T - 86400, "d1", "SE", STO));
        assertEquals(Set.of(), HistorySignals.of(history, at(T, "d1", "SE", STO), 10));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_DEVICE), HistorySignals.of(history, at(T, "d2", "SE", STO), 10));
        // no device judged (a direct grant)
        assertEquals(Set.of(), HistorySignals.of(history, at(T, null, "SE", STO), 10));
    }

    @Test
    void aLocationMustBeAmongTheLastN() {
        List<PastSignIn> history = List.of(at(T - 100, "d1", "NL", AMS), at(T - 200, "d1", "NL", AMS),
                at(T - 86400 * 3, "d1", "SE", STO));
        assertEquals(Set.of(), HistorySignals.of(history, at(T + 86400, "d1", "SE", null), 3));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION), HistorySignals.of(history, at(T + 86400, "d1", "SE", null), 2));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION),
                HistorySignals.of(history, at(T + 86400, "d1", "10.1.0.0/16", null), 10));
    }

    @Test
    void travelFasterThanAJetIsImpossible() {
        List<PastSignIn> history = List.of(at(T, "d1", "SE", STO));
        // Stockholm → Sydney (≈ 15,600 km) in 2 hours: impossible; in 2 days: possible
        assertEquals(EnumSet.of(RiskSignal.IMPOSSIBLE_TRAVEL, RiskSignal.UNFAMILIAR_LOCATION),
                HistorySignals.of(history, at(T + 7200, "d1", "AU", SYD), 10));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION), HistorySignals.of(history, at(T + 2 * 86400, "d1", "AU", SYD), 10));
        // Stockholm → Amsterdam (≈ 1,130 km) in 1 hour: impossible; in 2 hours: a flight
        assertEquals(EnumSet.of(RiskSignal.IMPOSSIBLE_TRAVEL, RiskSignal.UNFAMILIAR_LOCATION),
                HistorySignals.of(history, at(T + 3600, "d1", "NL", AMS), 10));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION), HistorySignals.of(history, at(T + 7200, "d1", "NL", AMS), 10));
        // without coordinates on either side: never judged
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION), HistorySignals.of(history, at(T + 60, "d1", "AU", null), 10));
    }

    @Test
    void distancesAreGreatCircles() {
        assertEquals(15_600, HistorySignals.km(STO[0], STO[1], SYD[0], SYD[1]), 100);
        assertEquals(1_130, HistorySignals.km(STO[0], STO[1], AMS[0], AMS[1]), 20);
        assertEquals(0, HistorySignals.km(1, 2, 1, 2), 1e-9);
    }

    @Test
    void withoutACountryTheNetworkIsTheLocation() {
        assertEquals("SE", HistorySignals.location("SE", "10.1.2.3"));
        assertEquals("10.1.0.0/16", HistorySignals.location(null, "10.1.2.3"));
        assertEquals("2001:db8:1::/48", HistorySignals.location(null, "2001:db8:1:2::5"));
        assertEquals("2001:db8:0::/48", HistorySignals.location(null, "2001:db8::1"));
        assertNull(HistorySignals.location(null, "not-an-address.example"));
        assertNull(HistorySignals.location(null, null));
    }

    @Test
    void travelIsComparedWithSignInsOfTheSameKind() {
        // a mail relay in Sydney signs in by direct grant; the person's browser in Stockholm is no journey from it
        List<PastSignIn> history = List.of(at(T - 600, null, "AU", SYD), at(T - 86400, "d1", "SE", STO));
        assertEquals(Set.of(), HistorySignals.of(history, at(T, "d1", "SE", STO), 10));
        assertEquals(Set.of(), HistorySignals.of(history, at(T, null, "AU", SYD), 10));
        // the browser itself in Sydney ten minutes after Stockholm is
        List<PastSignIn> browser = List.of(at(T - 600, "d1", "SE", STO));
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_LOCATION, RiskSignal.IMPOSSIBLE_TRAVEL),
                HistorySignals.of(browser, at(T, "d1", "AU", SYD), 10));
    }

    @Test
    void anEstablishedAccountWithoutHistoryIsOnAnUnfamiliarDevice() {
        // dormant beyond the kept days, or signing in for the first time since the history was kept
        assertEquals(EnumSet.of(RiskSignal.UNFAMILIAR_DEVICE), HistorySignals.of(List.of(), at(T, "d1", "SE", STO), 10, true));
        assertEquals(Set.of(), HistorySignals.of(List.of(), at(T, null, "SE", STO), 10, true), "a direct grant has no device");
        assertEquals(Set.of(), HistorySignals.of(List.of(), at(T, "d1", "SE", STO), 10, false), "a new account");
    }
}
