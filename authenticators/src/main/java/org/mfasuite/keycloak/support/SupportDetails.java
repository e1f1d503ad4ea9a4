package org.mfasuite.keycloak.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The "Details for your helpdesk" box of the suite's error pages: what a user sends to support, and a reference
 * that an admin finds again in the sign-in's event (detail {@code mfa_ref}) and in the server log.
 * <p>
 * The reference is random (40 bits, Crockford base32 without look-alike letters), not a counter: nothing to
 * share between cluster nodes, nothing to guess from.
 */
public final class SupportDetails {

    /** Event detail naming the reference. */
    public static final String EVENT_DETAIL = "mfa_ref";
    /** The page attribute the box macro reads. */
    public static final String ATTRIBUTE = "mfaSupport";

    private static final Logger LOG = Logger.getLogger(SupportDetails.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final char[] ALPHABET = DIGITS.toCharArray();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String time;
    private final String reference;
    private final String realm;
    private final String client;
    private final String username;
    private final String policy;
    private final String error;

    private SupportDetails(String time, String reference, String realm, String client, String username,
                           String policy, String error) {
        this.time = time;
        this.reference = reference;
        this.realm = realm;
        this.client = client;
        this.username = username;
        this.policy = policy;
        this.error = error;
    }

    public static SupportDetails create(String realm, String client, String username, String policy, String error) {
        return new SupportDetails(UTC.format(Instant.ofEpochMilli(Time.currentTimeMillis())), newReference(),
                realm, client, username, policy, error);
    }

    /** Authentication-session note holding the reference of the sign-in in progress. */
    static final String SIGN_IN_NOTE = "mfa-ref";

    /**
     * The reference of a whole sign-in, made once per authentication session: the codes it sends, its checks and a
     * report of it ("This wasn't me") all carry it, so the helpdesk finds them together.
     */
    public static String signInReference(AuthenticationSessionModel authSession) {
        String reference = authSession.getAuthNote(SIGN_IN_NOTE);
        if (reference == null) {
            reference = newReference();
            authSession.setAuthNote(SIGN_IN_NOTE, reference);
        }
        return reference;
    }

    /** A reference derived from an id (a push request's), the same on every node and for every reader. */
    public static String referenceOf(String id) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] ref = new char[9];
        for (int i = 0, j = 0; i < ref.length; i++) {
            ref[i] = i == 4 ? '-' : ALPHABET[hash[j++] & 31];
        }
        return new String(ref);
    }

    /** E.g. {@code 7KQ2-MX9D}: easy to read out on the phone. */
    static String newReference() {
        char[] ref = new char[9];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i == 4 ? '-' : ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(ref);
    }

    /**
     * A reference as someone typed or read it out: any case, spaces or dashes anywhere, and Crockford's look-alikes
     * ({@code O} for 0, {@code I} and {@code L} for 1), as {@code 7KQ2-MX9D}; null when it cannot be one.
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder ref = new StringBuilder(9);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-' || c == '\t') {
                continue;
            }
            char digit = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (DIGITS.indexOf(digit) < 0 || ref.length() == 8) {
                return null;
            }
            ref.append(digit);
        }
        return ref.length() == 8 ? ref.insert(4, '-').toString() : null;
    }

    /** Puts the reference on the event and writes the same line to the server log. */
    public SupportDetails record(EventBuilder event) {
        event.detail(EVENT_DETAIL, reference);
        LOG.infof("mfa_ref=%s realm=%s client=%s user=%s policy=%s error=%s", reference, realm, client,
                username == null ? "-" : username, policy == null ? "-" : policy, error);
        return this;
    }

    // Getters: Keycloak's FreeMarker reads bean properties, not record accessors.

    public String getTime() {
        return time;
    }

    public String getReference() {
        return reference;
    }

    public String getRealm() {
        return realm;
    }

    public String getClient() {
        return client;
    }

    public String getUsername() {
        return username;
    }

    public String getPolicy() {
        return policy;
    }

    public String getError() {
        return error;
    }

    public LoginFormsProvider addTo(LoginFormsProvider form) {
        return form.setAttribute(ATTRIBUTE, this);
    }

    /** The box's text as the copy button copies it: one "label: value" per line, in English for the helpdesk. */
    public String getText() {
        StringBuilder b = new StringBuilder();
        line(b, "Time", time);
        line(b, "Reference", reference);
        line(b, "Realm", realm);
        line(b, "Client", client);
        line(b, "Username", username);
        line(b, "Policy", policy);
        line(b, "Error", error);
        return b.toString().trim();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }
}
