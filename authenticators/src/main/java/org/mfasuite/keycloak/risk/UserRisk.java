package org.mfasuite.keycloak.risk;

import java.util.ArrayList;
import java.util.List;

import org.mfasuite.keycloak.core.RiskLevel;

/**
 * A user's risk as a value: the level, since when, the latest reasons, and the last clearing. Raising never lowers;
 * clearing sets {@code none} and keeps the reasons for the record. Plain code: {@link UserRisks} stores it.
 *
 * @param since     epoch seconds the risk last rose from none; 0 while none
 * @param updated   epoch seconds of the last change; 0 when never
 * @param reasons   the latest {@link #MAX_REASONS} reasons, newest last
 * @param clearedBy {@code admin} or {@code password-change}; null when never cleared
 * @param cleared   epoch seconds of that clearing; 0 when never
 */
public record UserRisk(RiskLevel level, long since, long updated, List<Reason> reasons, String clearedBy, long cleared) {

    /** Reasons kept per user (older ones are dropped). */
    public static final int MAX_REASONS = 10;
    /** A reason's text is cut to this many characters. */
    public static final int MAX_REASON_LENGTH = 200;
    /** {@link #clearedBy}: an admin dismissed it. */
    public static final String CLEARED_BY_ADMIN = "admin";
    /** {@link #clearedBy}: the user changed the password after a second factor. */
    public static final String CLEARED_BY_PASSWORD_CHANGE = "password-change";
    /** A user nobody ever raised. */
    public static final UserRisk NONE = new UserRisk(RiskLevel.NONE, 0, 0, List.of(), null, 0);

    /**
     * One raise.
     *
     * @param reason e.g. {@code fraud-report} or {@code high-risk-sign-in}
     * @param time   epoch seconds
     */
    public record Reason(String level, String reason, long time) {
    }

    public UserRisk {
        level = level == null ? RiskLevel.NONE : level;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Raised to at least {@code to} for {@code reason} at {@code now}: never lower; the reason is recorded either way. */
    public UserRisk raise(RiskLevel to, String reason, long now) {
        RiskLevel next = level.max(to);
        List<Reason> all = new ArrayList<>(reasons);
        String text = reason == null || reason.isBlank() ? "unspecified" : reason.trim();
        all.add(new Reason(to.id(), text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text, now));
        List<Reason> kept = all.subList(Math.max(0, all.size() - MAX_REASONS), all.size());
        long from = level == RiskLevel.NONE && next != RiskLevel.NONE ? now : since;
        return new UserRisk(next, from, now, kept, clearedBy, cleared);
    }

    /** Cleared to none at {@code now} by {@code by}; the reasons stay for the record. */
    public UserRisk clear(String by, long now) {
        return new UserRisk(RiskLevel.NONE, 0, now, reasons, by, now);
    }

    /** The reasons given since the risk last rose from none (what the risk stands on now); empty while none. */
    public List<Reason> currentReasons() {
        return level == RiskLevel.NONE ? List.of() : reasons.stream().filter(r -> r.time() >= since).toList();
    }
}
