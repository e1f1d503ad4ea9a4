package org.mfasuite.keycloak.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.flow.StepConfig;

/** The realm's URLs as the browser and the device see them (Keycloak's frontend URL, hostname settings). */
public final class PushUrls {

    /** The path under the realm: {@code /realms/{realm}/mfa-push}, the id of the realm resource provider. */
    public static final String PATH = "mfa-push";

    private PushUrls() {
    }

    public static String issuer(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).build().toString();
    }

    /** {@code https://host/realms/{realm}/mfa-push}: the device API's base, B in the protocol. */
    public static String base(KeycloakSession session, RealmModel realm) {
        return issuer(session, realm) + "/" + PATH;
    }

    /** The login page's wait on a request or enrolment {@code id}, for the browser tab {@code tabId} only. */
    public static String waitUrl(KeycloakSession session, RealmModel realm, String id, String tabId) {
        return base(session, realm) + "/wait/" + id + "?tab_id="
                + java.net.URLEncoder.encode(tabId == null ? "" : tabId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The companion app's enrolment link: at the push step's {@code app-url} when set (the app on a host name of its
     * own), else the app Keycloak serves. The token travels in the fragment, so no server log sees it.
     */
    public static String enrolLink(KeycloakSession session, RealmModel realm, String token) {
        AppUrl app = appUrl(realm);
        return app != null ? app.enrolLink(token) : base(session, realm) + "/app/#enroll=" + token;
    }

    /** The push step's {@code app-url}, or null when unset (or unusable: the admin is told by its problem). */
    public static AppUrl appUrl(RealmModel realm) {
        return AppUrl.parse(StepConfig.of(realm, PushAuthenticatorFactory.PROVIDER_ID).get(AppUrl.KEY));
    }
}
