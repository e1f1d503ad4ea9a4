package org.mfasuite.keycloak.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.utils.SecureContextResolver;

/**
 * The device cookie {@code MFA_DEVICE}: a random 128-bit id per browser, set on the first sign-in and kept about a
 * year; HttpOnly, the realm's path, Secure exactly when Keycloak's own cookies are (see the trusted device cookie),
 * then SameSite=None as theirs (a cross-site POST, e.g. SAML's POST binding, still sends it), else SameSite=Lax.
 * It is not a remembered device: it lifts no requirement, it only tells a browser the user signed in
 * from before. Only its SHA-256 hash (with the realm id) is stored.
 */
public final class DeviceCookie {

    public static final String NAME = "MFA_DEVICE";
    static final int MAX_AGE_SECONDS = 400 * 86400;
    private static final String ATTRIBUTE = "mfa-risk.device";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    /**
     * The hash of this browser's device id: the cookie it sent, or one set in this request (a new id is made and
     * set when it sent none).
     */
    public static String hash(KeycloakSession session, RealmModel realm) {
        String id = session.getAttribute(ATTRIBUTE, String.class);
        if (id == null) {
            Cookie cookie = session.getContext().getRequestHeaders() == null ? null
                    : session.getContext().getRequestHeaders().getCookies().get(NAME);
            id = cookie == null || cookie.getValue() == null || cookie.getValue().length() < 16 ? null : cookie.getValue();
            if (id == null) {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                String path = RealmsResource.realmBaseUrl(session.getContext().getUri()).path("/")
                        .build(realm.getName()).getRawPath();
                // as Keycloak's own cookies: SameSite=None (sent on a SAML POST binding's cross-site POST) needs
                // Secure, so on plain http (development) it is Lax
                boolean secure = SecureContextResolver.isSecureContext(session);
                session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(NAME).version(1).value(id)
                        .path(path).maxAge(MAX_AGE_SECONDS).secure(secure).httpOnly(true)
                        .sameSite(secure ? NewCookie.SameSite.NONE : NewCookie.SameSite.LAX).build());
            }
            session.setAttribute(ATTRIBUTE, id);
        }
        return hash(realm.getId(), id);
    }

    static String hash(String realmId, String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((realmId + ":" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
