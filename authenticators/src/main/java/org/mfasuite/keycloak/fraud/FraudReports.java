package org.mfasuite.keycloak.fraud;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.mfasuite.keycloak.core.RiskLevel;
import org.mfasuite.keycloak.core.SignInNode;
import org.mfasuite.keycloak.risk.UserRisks;
import org.mfasuite.keycloak.support.SupportDetails;
import org.mfasuite.keycloak.trust.TrustedDevices;

/**
 * A user reports a sign-in they did not start, by push ("This wasn't me") or by the link in a text or call. Always
 * recorded as the event {@code mfa_fraud_report}, and raises the user's risk to high ({@code user-risk} policies);
 * then what the realm's {@link FraudSettings} say: block the user
 * (sign out everywhere and forget remembered devices, or also disable the account), email the user and the
 * {@code fraud-alert-emails} addresses. Never fails the report for a mail that could not go.
 */
public final class FraudReports {

    /** The event's name: its error and its {@code custom_required_action} (on {@code CUSTOM_REQUIRED_ACTION_ERROR}). */
    public static final String EVENT = "mfa_fraud_report";
    /** Event detail: the sign-in's address (the reported one, not the reporter's, which is the event's own). */
    public static final String SIGN_IN_IP = "mfa_signin_ip";
    /** Event detail: what the report did to the account ({@code none}, {@code sign-out}, {@code disable}, {@code failed}). */
    public static final String BLOCK = "mfa_block";
    /** Event detail: the user's risk after the report ({@code high}). */
    public static final String USER_RISK = "mfa_user_risk";
    /** {@link #BLOCK}'s value when blocking threw: the report, its event and alerts stand; the account may be open. */
    public static final String FAILED = "failed";
    /** TemporaryPassCredentialModel.TYPE (not imported: that package reaches this one). */
    static final String TEMPORARY_PASS = "mfa-temporary-pass";
    static final String METHOD = "mfa_method";
    static final String TEMPLATE = "mfa-security-email.ftl";
    private static final Logger LOG = Logger.getLogger(FraudReports.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param method    {@code sms}, {@code voice} or {@code push}
     * @param reference the reported sign-in's helpdesk reference
     * @param signInIp  the reported sign-in's client address
     * @param client    the application signed in to
     */
    public record Report(String method, String reference, String signInIp, String client) {
    }

    private FraudReports() {
    }

    /**
     * @param userEmailed the method already emailed the user about it (push does), so no second email goes
     */
    public static void report(KeycloakSession session, RealmModel realm, UserModel user, Report report, boolean userEmailed) {
        FraudSettings settings = FraudSettingsStore.read(realm);
        // the account is at risk until an admin dismisses it or the user changes the password after a second factor;
        // in a transaction of its own that never fails the report (a concurrent first raise must not roll it back)
        UserRisks.raiseGuarded(session.getKeycloakSessionFactory(), realm.getId(), user.getId(), RiskLevel.HIGH,
                UserRisks.REASON_FRAUD_REPORT);
        // first, and never fatal: a block that throws (a read-only federated user, a failing back-channel logout)
        // must not roll the report back; the event then says mfa_block=failed and the alerts still go
        String blocked = blocked(settings.blockUser(), () -> block(session, realm, user, settings.blockUser()),
                e -> LOG.warnf("Realm %s: fraud report of user %s: block %s failed: %s", realm.getName(), user.getId(),
                        settings.blockUser().id(), e.toString()));
        EventBuilder event = SignInNode.tag(new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail(Details.CUSTOM_REQUIRED_ACTION, EVENT).detail(METHOD, report.method())
                .detail(SIGN_IN_IP, report.signInIp()).detail(BLOCK, blocked)
                .detail(USER_RISK, RiskLevel.HIGH.id())
                .detail(Details.USERNAME, user.getUsername()));
        if (report.reference() != null) {
            event.detail(SupportDetails.EVENT_DETAIL, report.reference());
        }
        if (report.client() != null) {
            event.detail("mfa_client", report.client());
        }
        event.error(EVENT);
        LOG.infof("mfa_fraud_report realm=%s user=%s method=%s mfa_ref=%s block=%s", realm.getName(), user.getId(),
                report.method(), report.reference(), blocked);
        if (settings.notifyUser() && !userEmailed) {
            emailUser(session, realm, user, report);
        }
        for (String address : settings.alertEmails()) {
            alert(session, realm, user, report, blocked, address);
        }
    }

    /** Runs the block: its id ({@code none}, {@code sign-out}, {@code disable}), or {@code failed} when it threw. */
    static String blocked(FraudSettings.Block block, Runnable run, java.util.function.Consumer<RuntimeException> failed) {
        try {
            run.run();
            return block.id();
        } catch (RuntimeException e) {
            failed.accept(e);
            return FAILED;
        }
    }

    /**
     * Signs the user out everywhere (online and offline sessions), forgets remembered devices and revokes a temporary
     * access pass; disables if asked.
     */
    static void block(KeycloakSession session, RealmModel realm, UserModel user, FraudSettings.Block block) {
        if (block == FraudSettings.Block.NONE) {
            return;
        }
        if (block == FraudSettings.Block.DISABLE) {
            user.setEnabled(false);
        }
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, user).toList();
        sessions.forEach(s -> AuthenticationManager.backchannelLogout(session, s, true));
        session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                .forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        TrustedDevices.forgetAll(session, realm, user);
        // a temporary access pass would let the fraudster back in; by type: the temporarypass package reaches fraud
        user.credentialManager().getStoredCredentialsByTypeStream(TEMPORARY_PASS).map(c -> c.getId()).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
    }

    private static void emailUser(KeycloakSession session, RealmModel realm, UserModel user, Report report) {
        if (user.getEmail() == null || user.getEmail().isBlank() || !hasSmtp(realm)) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("mfaKind", "fraud-reported");
        attributes.put("mfaMethodType", "push".equals(report.method()) ? "mfa-push-device" : "mfa-phone");
        attributes.put("mfaMethodLabel", "");
        attributes.put("mfaTime", TIME.format(Instant.ofEpochMilli(Time.currentTimeMillis())));
        attributes.put("mfaIp", report.signInIp() == null ? "" : report.signInIp());
        attributes.put("mfaBrowser", "");
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("mfa-email-subject-fraud-reported", List.of(realmName(realm)), TEMPLATE, attributes);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Realm %s: fraud report email to user %s not sent: %s", realm.getName(), user.getId(), e.getMessage());
        }
    }

    private static void alert(KeycloakSession session, RealmModel realm, UserModel user, Report report,
                              String blocked, String address) {
        if (!hasSmtp(realm)) {
            LOG.warnf("Realm %s has no email settings: fraud alert to %s not sent", realm.getName(), address);
            return;
        }
        String subject = "[" + realmName(realm) + "] Fraud alert: " + user.getUsername() + " reported a sign-in";
        String text = AlertText.of(realmName(realm), user.getUsername(), user.getEmail(), report,
                blocked, TIME.format(Instant.ofEpochMilli(Time.currentTimeMillis())));
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), address, subject, text, null);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Realm %s: fraud alert to %s not sent: %s", realm.getName(), address, e.getMessage());
        }
    }

    private static boolean hasSmtp(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
    }
}
