package org.mfasuite.keycloak.trust;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.utils.SecureContextResolver;

/**
 * The remembered-device cookie, {@code MFA_TRUSTED_DEVICE}: HttpOnly, SameSite=Lax, the realm's path
 * ({@code /realms/<realm>/}), and Secure exactly when Keycloak's own cookies are — Keycloak 26.7's
 * {@code DefaultCookieProvider} decides that with {@link SecureContextResolver} (https, or http to localhost
 * except Safari), so we ask the same. Keycloak's {@code CookieType} cannot be extended, hence this adapter.
 */
final class TrustCookie {

    static final String NAME = "MFA_TRUSTED_DEVICE";

    private TrustCookie() {
    }

    /** The cookie's value in this request, or null. */
    static String read(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    static void set(KeycloakSession session, RealmModel realm, String value, int maxAgeSeconds) {
        String path = RealmsResource.realmBaseUrl(session.getContext().getUri()).path("/").build(realm.getName())
                .getRawPath();
        session.getContext().getHttpResponse().setCookieIfAbsent(
                build(value, path, maxAgeSeconds, SecureContextResolver.isSecureContext(session)));
    }

    static NewCookie build(String value, String path, int maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(NAME)
                .version(1)
                .value(value)
                .path(path)
                .maxAge(maxAgeSeconds)
                .secure(secure)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
