package org.mfasuite.keycloak.risk;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.geo.Place;
import org.mfasuite.keycloak.geo.Places;

/**
 * A sign-in's risk: gathers the signals (history, place, counters) and takes the level by {@link RiskRules}, the one
 * rule what-if uses too. The assessment is kept in the authentication session, so the sign-in's events carry it
 * ({@code mfa_risk}, {@code mfa_risk_signals}); a successful sign-in whose user's own signals give high raises the
 * user's risk ({@link #raiseUser}).
 */
public final class SignInRisk {

    public static final String DETAIL_RISK = "mfa_risk";
    public static final String DETAIL_SIGNALS = "mfa_risk_signals";
    /** Authentication-session note holding the assessment ({@link RiskAssessment#toNote}). */
    public static final String NOTE = "mfa-risk";
    public static final String HIGH_RISK_REASON = UserRisks.REASON_HIGH_RISK_SIGN_IN;
    private static final Logger LOG = Logger.getLogger(SignInRisk.class);

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
        Set<RiskSignal> signals = addressSignals(session, realm, place, address, settings, now);
        PastSignIn current = new PastSignIn(now, browser ? DeviceCookie.hash(session, realm) : null,
                HistorySignals.location(place.country(), address), place.latitude(), place.longitude());
        long since = now - settings.historyDays() * 86400L;
        // an account without a creation time (some federated users) counts as established
        boolean established = user.getCreatedTimestamp() == null || user.getCreatedTimestamp() / 1000 < since;
        signals.addAll(HistorySignals.of(SignInHistory.recent(session, realm.getId(), user.getId(), since), current,
                settings.locationSignIns(), established));
        if (new RiskCounters(session.singleUseObjects()).isFatigued(realm.getId(), user.getId(), settings.fatiguePushes(), now)) {
            signals.add(RiskSignal.MFA_FATIGUE);
        }
        RiskAssessment assessment = RiskRules.evaluate(signals, settings);
        if (authSession != null) {
            authSession.setAuthNote(NOTE, assessment.toNote());
        }
        return assessment;
    }

    /** The signals of the address alone, whoever signs in from it: an anonymous network, a password-spray source. */
    private static Set<RiskSignal> addressSignals(KeycloakSession session, RealmModel realm, Place place, String address,
                                                  RiskSettings settings, long now) {
        Set<RiskSignal> signals = EnumSet.noneOf(RiskSignal.class);
        if (place.anonymous()) {
            signals.add(RiskSignal.ANONYMOUS_NETWORK);
        }
        if (new RiskCounters(session.singleUseObjects()).isSpraySource(realm.getId(), address, settings.sprayUsers(), now)) {
            signals.add(RiskSignal.PASSWORD_SPRAY);
        }
        return signals;
    }

    /**
     * A successful sign-in of this assessment raises the user's risk to high when the user's own signals (device,
     * location, travel, fatigue) give high: an address's signals (spray source, anonymous network) alone hit
     * everyone behind it and never raise a user. Called on LOGIN only, so typing a username raises nobody.
     */
    static void raiseUser(KeycloakSession session, RealmModel realm, String userId, RiskAssessment assessment) {
        if (assessment == null || userId == null
                || RiskRules.userLevel(assessment.signals(), RiskSettingsStore.read(realm)) != RiskLevel.HIGH) {
            return;
        }
        // in a transaction of its own, never failing the sign-in or losing its LOGIN event
        UserRisks.raiseGuarded(session.getKeycloakSessionFactory(), realm.getId(), userId, RiskLevel.HIGH, HIGH_RISK_REASON);
    }

    /**
     * What-if: the level a sign-in from {@code address} with these signals would get, by the same rule as
     * {@link #assess}; the address's own signals (anonymous network, password-spray source now) are added.
     *
     * @param deviceKnown false adds {@code unfamiliar-device} for a browser (a direct grant never has a device);
     *                    null or true adds nothing
     */
    public static RiskAssessment whatIf(KeycloakSession session, RealmModel realm, String address, boolean browser,
                                        Boolean deviceKnown, Collection<RiskSignal> signals) {
        RiskSettings settings = RiskSettingsStore.read(realm);
        Set<RiskSignal> all = addressSignals(session, realm, Places.locate(session, address), address, settings,
                Time.currentTime());
        if (signals != null) {
            all.addAll(signals);
        }
        if (browser && Boolean.FALSE.equals(deviceKnown)) {
            all.add(RiskSignal.UNFAMILIAR_DEVICE);
        }
        return RiskRules.evaluate(all, settings);
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

    /**
     * Records a successful sign-in in the user's history (the event listener calls it on LOGIN), in a transaction of
     * its own: a failed write is logged and never fails the sign-in or loses its LOGIN event.
     */
    static void recordSuccess(KeycloakSession session, RealmModel realm, String userId, String address, boolean browser) {
        RiskSettings settings = RiskSettingsStore.read(realm);
        Place place = Places.locate(session, address);
        PastSignIn signIn = new PastSignIn(Time.currentTime(), browser ? DeviceCookie.hash(session, realm) : null,
                HistorySignals.location(place.country(), address), place.latitude(), place.longitude());
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    s -> SignInHistory.record(s, realmId, userId, signIn, settings.historyDays()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Realm %s: the sign-in history of user %s was not updated", realm.getName(), userId);
        }
    }

    /**
     * A push to the user was denied or closed unanswered (expired, or replaced by "Send again"): counts toward
     * {@code mfa-fatigue}, once per challenge whoever observes it (the device's answer, the browser, a resend).
     */
    public static void pushUnanswered(KeycloakSession session, RealmModel realm, UserModel user, String challengeId) {
        new RiskCounters(session.singleUseObjects()).pushUnanswered(realm.getId(), user.getId(), challengeId,
                RiskSettingsStore.read(realm).fatiguePushes(), Time.currentTime());
    }
}
