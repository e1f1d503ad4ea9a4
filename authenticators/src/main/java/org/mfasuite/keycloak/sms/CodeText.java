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
 * Words a code in the user's language: the text message (what the code is for, how long it lasts, and the
 * origin-bound line {@code @host #code} that phones and browsers autofill from), or the words a call speaks
 * (the code digit by digit, repeated), with the language a voice must speak them in.
 */
final class CodeText {

    /** What the code is for: each has its own messages, so a code for adding a phone says so. */
    enum Purpose {
        SIGN_IN("mfa-sms-text", "{0} is your {1} code. It expires in {2} minutes.",
                "mfa-voice-text", "Your {1} code is {0}."),
        REGISTRATION("mfa-phone-register-text",
                "{0} is your code to add this phone to your {1} account. It expires in {2} minutes. Do not share it.",
                "mfa-phone-register-voice-text", "Your code to add this phone to your {1} account is {0}.");

        private final String smsKey;
        private final String smsFallback;
        private final String voiceKey;
        private final String voiceFallback;

        Purpose(String smsKey, String smsFallback, String voiceKey, String voiceFallback) {
            this.smsKey = smsKey;
            this.smsFallback = smsFallback;
            this.voiceKey = voiceKey;
            this.voiceFallback = voiceFallback;
        }
    }

    static final String AGAIN_KEY = "mfa-voice-text-again";
    private static final String AGAIN_FALLBACK = "Again: {0}.";

    /**
     * @param text     what the phone shows or the call says
     * @param language BCP 47 tag of that text's language
     */
    record Wording(String text, String language) {
    }

    private static final Logger LOG = Logger.getLogger(CodeText.class);

    private CodeText() {
    }

    static final String SMS_REPORT_KEY = "mfa-sms-report-text";
    static final String VOICE_REPORT_KEY = "mfa-voice-report-text";
    private static final String SMS_REPORT_FALLBACK = "Not you? {0}";
    private static final String VOICE_REPORT_FALLBACK = "If you are not signing in, report it at {0}.";

    /**
     * @param repeatCount for calls: how many times the code is read
     * @param reportUrl   the "Not you?" link of a sign-in's code, or null: a text gets it on a line before the
     *                    origin-bound line, a call says it once at the end
     */
    static Wording of(KeycloakSession session, RealmModel realm, UserModel user, PhoneChannel channel, Purpose purpose,
                      String code, int ttlMinutes, int repeatCount, String reportUrl) {
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = new Properties();
        try {
            messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
        } catch (IOException e) {
            LOG.debug("Login theme messages unavailable; using the built-in texts", e);
        }
        String name = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
        String language = SpokenCode.languageTag(locale);
        if (channel == PhoneChannel.VOICE) {
            String digits = SpokenCode.digits(code);
            String first = format(messages.getProperty(purpose.voiceKey, purpose.voiceFallback), locale, digits, name, ttlMinutes);
            String again = format(messages.getProperty(AGAIN_KEY, AGAIN_FALLBACK), locale, digits, name, ttlMinutes);
            String script = SpokenCode.script(first, again, repeatCount);
            return new Wording(reportUrl == null ? script : script + " "
                    + format(messages.getProperty(VOICE_REPORT_KEY, VOICE_REPORT_FALLBACK), locale, reportUrl, name, ttlMinutes),
                    language);
        }
        String text = format(messages.getProperty(purpose.smsKey, purpose.smsFallback), locale, code, name, ttlMinutes);
        if (reportUrl != null) {
            text = text + "\n" + format(messages.getProperty(SMS_REPORT_KEY, SMS_REPORT_FALLBACK), locale, reportUrl, name, ttlMinutes);
        }
        String host = configuredHost(realm);
        return new Wording(host == null ? text : text + "\n\n@" + host + " #" + code, language);
    }

    private static String format(String pattern, Locale locale, String code, String name, int ttlMinutes) {
        return new MessageFormat(pattern, locale).format(new Object[]{code, name, ttlMinutes});
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
