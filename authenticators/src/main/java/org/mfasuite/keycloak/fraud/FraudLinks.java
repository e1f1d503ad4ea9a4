package org.mfasuite.keycloak.fraud;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The "Not you?" links in texts and calls: a random token (13 characters, 65 bits) stored cluster-wide in
 * {@code singleUseObjects()} with what it names (user, method, the sign-in's reference, its address and client).
 * Reading it ({@link #peek}) leaves it; reporting takes it ({@link #claim}, a cluster-wide remove): single use.
 * Expiry is compared with Keycloak's clock, so it follows the server's time offset.
 */
public final class FraudLinks {

    /** The path under the realm, {@code /realms/{realm}/mfa-report}: the realm resource provider's id. */
    public static final String PATH = "mfa-report";
    static final int TOKEN_LENGTH = 13;
    private static final String PREFIX = "mfa-fraud:link:";
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a link names. Times in Keycloak seconds. */
    public record Link(String realmId, String userId, String method, String reference, String ip, String client,
                       long issued, long expires) {

        Map<String, String> toNotes() {
            Map<String, String> notes = new HashMap<>();
            notes.put("realm", realmId);
            notes.put("user", userId);
            notes.put("method", method);
            notes.put("ref", reference == null ? "" : reference);
            notes.put("ip", ip == null ? "" : ip);
            notes.put("client", client == null ? "" : client);
            notes.put("issued", Long.toString(issued));
            notes.put("expires", Long.toString(expires));
            return notes;
        }

        static Link fromNotes(Map<String, String> notes) {
            if (notes == null || notes.get("user") == null || notes.get("expires") == null) {
                return null;
            }
            try {
                return new Link(notes.get("realm"), notes.get("user"), notes.get("method"), emptyToNull(notes.get("ref")),
                        emptyToNull(notes.get("ip")), emptyToNull(notes.get("client")), Long.parseLong(notes.get("issued")),
                        Long.parseLong(notes.get("expires")));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final SingleUseObjectProvider store;

    public FraudLinks(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * The link for a code about to be sent for a sign-in, or null when the realm turned links off.
     *
     * @param method    {@code sms} or {@code voice}
     * @param reference the sign-in's helpdesk reference
     */
    public static String issue(KeycloakSession session, RealmModel realm, String userId, String method, String reference,
                               String ip, String client) {
        FraudSettings settings = FraudSettingsStore.read(realm);
        if (!settings.reportLink()) {
            return null;
        }
        long now = Time.currentTime();
        String token = new FraudLinks(session.singleUseObjects()).store(new Link(realm.getId(), userId, method,
                reference, ip, client, now, now + settings.linkHours() * 3600L));
        return url(session, realm, token);
    }

    static String url(KeycloakSession session, RealmModel realm, String token) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).path(PATH)
                .path(token).build().toString();
    }

    String store(Link link) {
        String token = newToken();
        // kept a little longer than it is valid, so an expired link is told apart from one never issued
        store.put(PREFIX + token, Math.max(60, link.expires() - link.issued()) + 3600, link.toNotes());
        return token;
    }

    /** The link's content while it can still be used, or null (unknown, used, expired, another realm's). */
    Link peek(String realmId, String token, long now) {
        if (!wellFormed(token)) {
            return null;
        }
        Link link = Link.fromNotes(store.get(PREFIX + token));
        return link == null || !realmId.equals(link.realmId()) || now >= link.expires() ? null : link;
    }

    /** Takes the link: the first caller cluster-wide gets it, every later one null. */
    Link claim(String realmId, String token, long now) {
        if (!wellFormed(token)) {
            return null;
        }
        Link link = Link.fromNotes(store.remove(PREFIX + token));
        return link == null || !realmId.equals(link.realmId()) || now >= link.expires() ? null : link;
    }

    static String newToken() {
        char[] token = new char[TOKEN_LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(token);
    }

    static boolean wellFormed(String token) {
        return token != null && token.length() == TOKEN_LENGTH && token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
