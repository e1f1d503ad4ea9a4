package org.mfasuite.keycloak.risk;

import java.util.EnumSet;
import java.util.Set;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * The one rule from signals to a level, used by real sign-ins and by what-if alike: each signal gives its own level
 * ({@code level-<signal>}), and two or more signals that give any risk give at least {@code level-two-signals}.
 * With the defaults: one unfamiliar device or location = low; two signals or an anonymous network or MFA fatigue =
 * medium; impossible travel or a password-spray source = high. No signal = none.
 */
public final class RiskRules {

    private RiskRules() {
    }

    public static RiskAssessment evaluate(Set<RiskSignal> signals, RiskSettings settings) {
        if (signals == null || signals.isEmpty()) {
            return RiskAssessment.NONE;
        }
        RiskLevel level = RiskLevel.NONE;
        int counted = 0;
        for (RiskSignal s : signals) {
            RiskLevel own = settings.signalLevels().get(s);
            if (own != null && own != RiskLevel.NONE) {
                level = level.max(own);
                counted++;
            }
        }
        if (counted >= 2) {
            level = level.max(settings.twoSignalsLevel());
        }
        return new RiskAssessment(level, EnumSet.copyOf(signals));
    }

    /** The signals that say something about the address, not the user: they hit everyone signing in from it. */
    public static final Set<RiskSignal> ADDRESS_SIGNALS = Set.of(RiskSignal.PASSWORD_SPRAY, RiskSignal.ANONYMOUS_NETWORK);

    /**
     * The level of the user-specific signals alone (all but {@link #ADDRESS_SIGNALS}), by the same rule: what may
     * raise the user's risk. An office behind one address that became a spray source raises nobody.
     */
    public static RiskLevel userLevel(Set<RiskSignal> signals, RiskSettings settings) {
        if (signals == null || signals.isEmpty()) {
            return RiskLevel.NONE;
        }
        Set<RiskSignal> own = EnumSet.copyOf(signals);
        own.removeAll(ADDRESS_SIGNALS);
        return evaluate(own, settings).level();
    }
}
