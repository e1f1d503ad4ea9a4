package org.mfasuite.keycloak.risk;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.geo.Place;
import org.mfasuite.keycloak.geo.Places;

/**
 * A sign-in's risk: gathers the signals (history, place, counters) and takes the level by {@link RiskRules}, the one
 * rule what-if uses too. The assessment is kept in the authentication session, so the sign-in's events carry it
 * ({@code mfa_risk}, {@code mfa_risk_signals}); a high one raises the user's risk.
 */
public final class SignInRisk {

    public static final String DETAIL_RISK = "mfa_risk";
    public static final String DETAIL_SIGNALS = "mfa_risk_signals";
    /** Authentication-session note holding the assessment ({@link RiskAssessment#toNote}). */
    public static final String NOTE = "mfa-risk";
    public static final String HIGH_RISK_REASON = UserRisks.REASON_HIGH_RISK_SIGN_IN;

    private SignInRisk() {
    }

    /**
     * This sign-in's risk, taken now.
     *
     * @param authSession where the assessment is kept for the sign-in's events (null: not kept)
     * @param browser whether the sign-in runs in a browser: only then is the device judged (a direct grant has no
     *                cookie)
     */
    public static RiskAssessment assess(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                        UserModel user, String address, boolean browser) {
        RiskSettings settings = RiskSettingsStore.read(realm);
        long now = Time.currentTime();
        Place place = Places.locate(session, address);
        Set<RiskSignal> signals = EnumSet.noneOf(RiskSignal.class);
        PastSignIn current = new PastSignIn(now, browser ? DeviceCookie.hash(session, realm) : null,
                HistorySignals.location(place.country(), address), place.latitude(), place.longitude());
        signals.addAll(HistorySignals.of(SignInHistory.recent(session, realm.getId(), user.getId(),
                now - settings.historyDays() * 86400L), current, settings.locationSignIns()));
        if (place.anonymous()) {
            signals.add(RiskSignal.ANONYMOUS_NETWORK);
        }
        RiskCounters counters = new RiskCounters(session.singleUseObjects());
        if (counters.isSpraySource(realm.getId(), address, settings.sprayUsers(), now)) {
            signals.add(RiskSignal.PASSWORD_SPRAY);
        }
        if (counters.isFatigued(realm.getId(), user.getId(), settings.fatiguePushes(), now)) {
            signals.add(RiskSignal.MFA_FATIGUE);
        }
        RiskAssessment assessment = RiskRules.evaluate(signals, settings);
        RiskAssessment before = authSession == null ? null : RiskAssessment.fromNote(authSession.getAuthNote(NOTE));
        if (authSession != null) {
            authSession.setAuthNote(NOTE, assessment.toNote());
        }
        if (assessment.level() == RiskLevel.HIGH && (before == null || before.level() != RiskLevel.HIGH)) {
            UserRisks.raise(session, realm, user, RiskLevel.HIGH, HIGH_RISK_REASON);
        }
        return assessment;
    }

    /**
     * What-if: the level a sign-in with these signals would get, by the same rule as {@link #assess}.
     *
     * @param deviceKnown false adds {@code unfamiliar-device}; null or true adds nothing
     */
    public static RiskAssessment whatIf(RealmModel realm, Boolean deviceKnown, Collection<RiskSignal> signals) {
        Set<RiskSignal> all = EnumSet.noneOf(RiskSignal.class);
        if (signals != null) {
            all.addAll(signals);
        }
        if (Boolean.FALSE.equals(deviceKnown)) {
            all.add(RiskSignal.UNFAMILIAR_DEVICE);
        }
        return RiskRules.evaluate(all, RiskSettingsStore.read(realm));
    }

    /** The assessment taken in this authentication session; null when none was. */
    public static RiskAssessment taken(AuthenticationSessionModel authSession) {
        return authSession == null ? null : RiskAssessment.fromNote(authSession.getAuthNote(NOTE));
    }

    /** Event details {@code mfa_risk} and {@code mfa_risk_signals} (the latter only when there are signals). */
    public static EventBuilder describe(EventBuilder event, AuthenticationSessionModel authSession) {
        RiskAssessment assessment = taken(authSession);
        if (event != null && assessment != null) {
            event.detail(DETAIL_RISK, assessment.level().id());
            if (!assessment.signals().isEmpty()) {
                event.detail(DETAIL_SIGNALS, assessment.signalIds());
            }
        }
        return event;
    }

    /** Records a successful sign-in in the user's history (the event listener calls it on LOGIN). */
    static void recordSuccess(KeycloakSession session, RealmModel realm, String userId, String address, boolean browser) {
        RiskSettings settings = RiskSettingsStore.read(realm);
        Place place = Places.locate(session, address);
        PastSignIn signIn = new PastSignIn(Time.currentTime(), browser ? DeviceCookie.hash(session, realm) : null,
                HistorySignals.location(place.country(), address), place.latitude(), place.longitude());
        SignInHistory.record(session, realm.getId(), userId, signIn, settings.historyDays());
    }

    /** A push to the user was denied or went unanswered: counts toward {@code mfa-fatigue}. */
    public static void pushUnanswered(KeycloakSession session, RealmModel realm, UserModel user) {
        new RiskCounters(session.singleUseObjects()).pushUnanswered(realm.getId(), user.getId(),
                RiskSettingsStore.read(realm).fatiguePushes(), Time.currentTime());
    }
}
