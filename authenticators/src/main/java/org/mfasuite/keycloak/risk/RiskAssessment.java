package org.mfasuite.keycloak.risk;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * A sign-in's risk: its level and the signals it came from (in the order of {@link RiskSignal}).
 */
public record RiskAssessment(RiskLevel level, Set<RiskSignal> signals) {

    public static final RiskAssessment NONE = new RiskAssessment(RiskLevel.NONE, Set.of());

    public RiskAssessment {
        level = level == null ? RiskLevel.NONE : level;
        signals = signals == null || signals.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(signals));
    }

    /** The signal ids, comma-separated (the {@code mfa_risk_signals} detail); empty when there are none. */
    public String signalIds() {
        return signals.stream().map(RiskSignal::id).collect(Collectors.joining(","));
    }

    public List<String> signalList() {
        return signals.stream().map(RiskSignal::id).toList();
    }

    /** The form kept in an authentication-session note: {@code level;signal,signal}. */
    public String toNote() {
        return level.id() + ";" + signalIds();
    }

    /** The assessment a note holds; null when the note is missing or unreadable. */
    public static RiskAssessment fromNote(String note) {
        if (note == null || note.indexOf(';') < 0) {
            return null;
        }
        RiskLevel level = RiskLevel.parse(note.substring(0, note.indexOf(';')));
        if (level == null) {
            return null;
        }
        List<RiskSignal> signals = new ArrayList<>();
        for (String id : note.substring(note.indexOf(';') + 1).split(",")) {
            RiskSignal s = RiskSignal.parse(id);
            if (s != null) {
                signals.add(s);
            }
        }
        return new RiskAssessment(level, signals.isEmpty() ? Set.of() : EnumSet.copyOf(signals));
    }
}
