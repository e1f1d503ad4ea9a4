package org.mfasuite.keycloak.sms;

import java.io.IOException;
import java.net.URI;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Words the text message in the user's language: what the code is for, how long it lasts, and the
 * origin-bound line ({@code @host #code}) that phones and browsers autofill from.
 */
final class SmsText {

    /** What the code is for: each has its own message, so a code for adding a phone says so. */
    enum Purpose {
        SIGN_IN("mfa-sms-text", "{0} is your {1} code. It expires in {2} minutes."),
        REGISTRATION("mfa-phone-register-text",
                "{0} is your code to add this phone to your {1} account. It expires in {2} minutes. Do not share it.");

        private final String key;
        private final String fallback;

        Purpose(String key, String fallback) {
            this.key = key;
            this.fallback = fallback;
        }
    }

    private static final Logger LOG = Logger.getLogger(SmsText.class);

    private SmsText() {
    }

    static String of(KeycloakSession session, RealmModel realm, UserModel user, Purpose purpose, String code,
                     int ttlMinutes) {
        Locale locale = session.getContext().resolveLocale(user);
        String pattern = purpose.fallback;
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            pattern = messages.getProperty(purpose.key, pattern);
        } catch (IOException e) {
            LOG.debug("Login theme messages unavailable; using the built-in SMS text", e);
        }
        String name = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
        String text = new MessageFormat(pattern, locale).format(new Object[]{code, name, ttlMinutes});
        String host = configuredHost(realm);
        return host == null ? text : text + "\n\n@" + host + " #" + code;
    }

    /**
     * The host codes are bound to: the realm's frontend URL, else the server's {@code --hostname}. Never the
     * request's Host header, which a client chooses (with {@code hostname-strict=false} an attacker could
     * bind the code to their own domain). Without either, the line is left out.
     */
    static String configuredHost(RealmModel realm) {
        String host = hostOf(realm.getAttribute("frontendUrl"));
        return host != null ? host : hostOf(Config.scope("hostname", "v2").get("hostname"));
    }

    private static String hostOf(String urlOrHost) {
        if (urlOrHost == null || urlOrHost.isBlank()) {
            return null;
        }
        String value = urlOrHost.trim();
        try {
            return value.contains("://") ? URI.create(value).getHost() : URI.create("https://" + value).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
