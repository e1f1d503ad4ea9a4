package org.mfasuite.keycloak.registration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Security notifications by email, through Keycloak's email sender and the suite's template
 * {@code mfa-security-email.ftl} (html and text, in the jar's theme-resources, so they work with any email theme).
 * Each names the method (masked), the time, IP address and browser, and what to do if it was not the user.
 * Sent in realms that have the {@code mfa-register} required action (enabled or not), unless its setting
 * {@code security-emails} is false; never fails what triggered it.
 */
public final class SecurityEmails {

    public enum Kind {
        ADDED, REMOVED, DEFAULT_CHANGED, RESET, PUSH_REPORTED, TEMPORARY_PASS_ISSUED, TEMPORARY_PASS_USED;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the email says about the method: its credential type and its masked label. */
    public record Method(String type, String label) {
    }

    static final String TEMPLATE = "mfa-security-email.ftl";
    private static final Logger LOG = Logger.getLogger(SecurityEmails.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final KeycloakSession session;
    private final RealmModel realm;

    private SecurityEmails(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public static SecurityEmails of(KeycloakSession session, RealmModel realm) {
        return new SecurityEmails(session, realm);
    }

    static Method describe(CredentialModel credential) {
        return new Method(credential.getType(), MethodLabels.of(credential));
    }

    /** Sends one notification, when the realm has them on and the user has an address; failures are logged. */
    public void send(UserModel user, Kind kind, Method method) {
        send(user, kind, method, null, null);
    }

    public void send(UserModel user, Kind kind, Method method, String ip, String browser) {
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()
                || realm.getRequiredActionProviderByAlias(RegisterActionFactory.PROVIDER_ID) == null
                || !RegisterSettings.of(realm).securityEmails()) {
            // a realm that never took the suite's mfa-register action in (the master realm, say) is left alone
            return;
        }
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            LOG.debugf("Realm %s has no email settings: security email (%s) not sent", realm.getName(), kind.id());
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("mfaKind", kind.id());
        attributes.put("mfaMethodType", method.type());
        attributes.put("mfaMethodLabel", method.label() == null ? "" : method.label());
        attributes.put("mfaTime", TIME.format(Instant.ofEpochMilli(Time.currentTimeMillis())));
        attributes.put("mfaIp", ip != null ? ip : clientAddress());
        attributes.put("mfaBrowser", browser != null ? browser : browser());
        // the user's own language (their locale attribute, else the realm's default), not the browser of the moment
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send("mfa-email-subject-" + kind.id(), List.of(realm.getDisplayName() != null
                            ? realm.getDisplayName() : realm.getName()), TEMPLATE, attributes);
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("Realm %s: security email (%s) to user %s not sent: %s", realm.getName(), kind.id(),
                    user.getId(), e.getMessage());
        }
    }

    private String clientAddress() {
        return session.getContext().getConnection() == null ? "" : session.getContext().getConnection().getRemoteAddr();
    }

    private String browser() {
        if (session.getContext().getRequestHeaders() == null) {
            return "";
        }
        String agent = session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        return agent == null ? "" : agent.length() > 200 ? agent.substring(0, 200) : agent;
    }
}
