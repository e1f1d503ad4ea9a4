package org.mfasuite.keycloak.risk;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Feeds sign-in risk from Keycloak's events: a LOGIN records the sign-in in the user's history and may raise the
 * user's risk ({@link SignInRisk#raiseUser}); a LOGIN_ERROR for a wrong first-factor password (or an unknown
 * username) counts toward the address's {@code password-spray} counter ({@link #sprayedUser}).
 */
final class RiskEventListener implements EventListenerProvider {

    static final String METHOD = "mfa_method";
    private static final Logger LOG = Logger.getLogger(RiskEventListener.class);

    private final KeycloakSession session;

    RiskEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN && event.getType() != EventType.LOGIN_ERROR) {
            return;
        }
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        try {
            if (event.getType() == EventType.LOGIN && event.getUserId() != null) {
                boolean browser = event.getDetails() == null || !event.getDetails().containsKey(Details.GRANT_TYPE);
                SignInRisk.recordSuccess(session, realm, event.getUserId(), event.getIpAddress(), browser);
                SignInRisk.raiseUser(session, realm, event.getUserId(), taken(event));
            } else if (event.getType() == EventType.LOGIN_ERROR && !passwordValidated()) {
                String user = sprayedUser(event.getError(), event.getUserId(), event.getDetails());
                if (user != null) {
                    new RiskCounters(session.singleUseObjects()).passwordFailed(realm.getId(), event.getIpAddress(),
                            user, RiskSettingsStore.read(realm).sprayUsers(), Time.currentTime());
                }
            }
        } catch (RuntimeException e) {
            // the sign-in itself must not fail because its risk bookkeeping did
            LOG.warnf(e, "Realm %s: sign-in risk bookkeeping failed for a %s event", realm.getName(), event.getType());
        }
    }

    /**
     * Who a failure counts for toward {@code password-spray}: a wrong FIRST-factor password counts for the user, an
     * unknown username for the name; anything else (a wrong second-factor code) counts for nobody (null). Keycloak's
     * password steps set no method detail; its OTP form sets {@code selected_credential_id}, its recovery codes a
     * {@code credential_type}; the suite's steps set {@code mfa_method} ({@code password} only where a password is
     * checked as the first factor, by the app-password step).
     */
    static String sprayedUser(String error, String userId, Map<String, String> details) {
        Map<String, String> d = details == null ? Map.of() : details;
        if (Errors.USER_NOT_FOUND.equals(error)) {
            return d.get(Details.USERNAME) == null ? null : "name:" + d.get(Details.USERNAME);
        }
        if (!Errors.INVALID_USER_CREDENTIALS.equals(error) || userId == null
                || d.containsKey(Details.SELECTED_CREDENTIAL_ID)) {
            return null;
        }
        String method = d.get(METHOD);
        String type = d.get(Details.CREDENTIAL_TYPE);
        return (method == null || PasswordCredentialModel.TYPE.equals(method))
                && (type == null || PasswordCredentialModel.TYPE.equals(type)) ? userId : null;
    }

    /** Whether this sign-in's password was already right: a later failure is a second factor's (direct-grant OTP). */
    private boolean passwordValidated() {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return authSession != null && authSession.getAuthNote(AuthenticationManager.PASSWORD_VALIDATED) != null;
    }

    /** The assessment a LOGIN event carries ({@code mfa_risk}, {@code mfa_risk_signals}); null without one. */
    static RiskAssessment taken(Event event) {
        Map<String, String> d = event.getDetails();
        if (d == null || d.get(SignInRisk.DETAIL_RISK) == null) {
            return null;
        }
        return RiskAssessment.fromNote(d.get(SignInRisk.DETAIL_RISK) + ";"
                + (d.get(SignInRisk.DETAIL_SIGNALS) == null ? "" : d.get(SignInRisk.DETAIL_SIGNALS)));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
