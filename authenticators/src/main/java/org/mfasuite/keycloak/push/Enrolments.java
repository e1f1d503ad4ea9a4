package org.mfasuite.keycloak.push;

import java.util.Map;
import java.util.UUID;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * Issues and redeems enrolment tokens. Which user a token enrols is kept server-side, in the cluster-wide
 * single-use store under the token's id, and taken out by the one {@code remove} that redeems it: a token
 * works once, on any node, within its lifetime. Only the user's newest token works: issuing one revokes the older.
 */
public final class Enrolments {

    /** How long a QR code can be scanned. */
    public static final int LIFETIME_SECONDS = 300;

    /** An issued token and its id (the enrolment page waits on the id). */
    public record Issued(String token, String id, long expires) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SingleUseObjectProvider store;

    public Enrolments(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = session.singleUseObjects();
    }

    public Issued issue(UserModel user, long now) {
        String id = UUID.randomUUID().toString();
        EnrolmentToken token = new EnrolmentToken();
        token.id(id).iat(now).exp(now + LIFETIME_SECONDS).issuer(PushUrls.issuer(session, realm))
                .audience(PushUrls.base(session, realm)).type(EnrolmentToken.TYPE);
        token.setOtherClaims("realm_name", realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName());
        store.put(pendingKey(id), LIFETIME_SECONDS + 60L, Map.of("user", user.getId(), "realm", realm.getId(),
                "expires", Long.toString(now + LIFETIME_SECONDS)));
        // a new code (New code, a refresh, another sign-in) revokes the user's older one at once, cluster-wide
        Map<String, String> previous = store.remove(latestKey(user.getId()));
        if (previous != null && previous.get("id") != null) {
            store.remove(pendingKey(previous.get("id")));
        }
        store.put(latestKey(user.getId()), LIFETIME_SECONDS + 60L, Map.of("id", id));
        return new Issued(session.tokens().encode(token), id, now + LIFETIME_SECONDS);
    }

    /**
     * Verifies the token (realm signature, type, audience, lifetime) and takes its enrolment.
     *
     * @return the id of the user it enrols
     * @throws DeviceApiException {@code invalid_token} otherwise
     */
    public Redeemed redeem(String compact, long now) {
        EnrolmentToken token = compact == null ? null : session.tokens().decode(compact, EnrolmentToken.class);
        if (token == null || !EnrolmentToken.TYPE.equals(token.getType())) {
            throw DeviceApiException.badRequest("invalid_token", "not an enrolment token of this realm");
        }
        if (!PushUrls.issuer(session, realm).equals(token.getIssuer()) || !token.hasAudience(PushUrls.base(session, realm))) {
            throw DeviceApiException.badRequest("invalid_token", "enrolment token is for another realm or server");
        }
        if (token.getExp() == null || token.getExp() <= now) {
            throw DeviceApiException.badRequest("invalid_token", "enrolment token expired");
        }
        Map<String, String> pending = store.remove(pendingKey(token.getId()));
        if (pending == null || !realm.getId().equals(pending.get("realm"))) {
            throw DeviceApiException.badRequest("invalid_token", "enrolment token was already used or replaced");
        }
        Map<String, String> latest = store.get(latestKey(pending.get("user")));
        if (latest != null && !token.getId().equals(latest.get("id"))) {
            throw DeviceApiException.badRequest("invalid_token", "a newer enrolment code was issued");
        }
        return new Redeemed(token.getId(), pending.get("user"));
    }

    /** A redeemed token: its id and the user it enrols. */
    public record Redeemed(String id, String userId) {
    }

    /** The enrolment finished: the page waiting on {@code id} can go on. */
    public void markDone(String id, String credentialId) {
        store.put(doneKey(id), LIFETIME_SECONDS + 60L, Map.of("credential", credentialId));
    }

    /** The device credential an enrolment created, or null while it has not happened. */
    public String doneCredential(String id) {
        Map<String, String> done = id == null ? null : store.get(doneKey(id));
        return done == null ? null : done.get("credential");
    }

    static boolean isDone(SingleUseObjectProvider store, String id) {
        return store.contains(doneKey(id));
    }

    private static String pendingKey(String id) {
        return "mfa-push:e:" + id;
    }

    /** The user's newest enrolment token: only it can be redeemed. */
    private static String latestKey(String userId) {
        return "mfa-push:e-latest:" + userId;
    }

    private static String doneKey(String id) {
        return "mfa-push:enrolled:" + id;
    }
}
