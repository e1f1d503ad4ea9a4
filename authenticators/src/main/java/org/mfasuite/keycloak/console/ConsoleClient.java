package org.mfasuite.keycloak.console;

import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Encode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The admin console's OpenID Connect client, {@value #CLIENT_ID}, made as Keycloak makes its own
 * {@code security-admin-console}: public, authorization code + PKCE S256 only, redirect URIs limited to the console's
 * path, full scope (the admin REST checks {@code client.hasScope(role)} as well as the user's roles) with lightweight
 * access tokens (no roles in the token: the admin REST reads them from the database).
 */
public final class ConsoleClient {

    public static final String CLIENT_ID = "mfa-admin-console";

    private ConsoleClient() {
    }

    /** The console's path in a realm, {@code /realms/{realm}/mfa-admin/}. */
    static String path(RealmModel realm) {
        return "/realms/" + Encode.encodePathAsIs(realm.getName()) + "/" + ConsoleResourceProviderFactory.PROVIDER_ID + "/";
    }

    /** Adds the client when the realm has none by that id (an imported realm may bring its own). */
    public static boolean ensure(RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) != null) {
            return false;
        }
        ClientModel client = KeycloakModelUtils.createPublicClient(realm, CLIENT_ID);
        client.setName("MFA admin console");
        client.setDescription("The MFA Suite's admin console (" + path(realm) + "); added by the suite.");
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(path(realm));
        client.setRedirectUris(Set.of(path(realm) + "*"));
        client.setAttribute("post.logout.redirect.uris", "+");
        client.setWebOrigins(Set.of("+"));
        client.setEnabled(true);
        client.setAlwaysDisplayInConsole(false);
        client.setPublicClient(true);
        client.setProtocol("openid-connect");
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFullScopeAllowed(true);
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("client.use.lightweight.access.token.enabled", "true");
        client.setAttribute("oauth2.device.authorization.grant.enabled", "false");
        client.setAttribute("oidc.ciba.grant.enabled", "false");
        return true;
    }

    /** The start-up move: every realm without the client gets it; returns how many did. */
    public static int ensureEverywhere(KeycloakSession session) {
        List<String> ids = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        int added = 0;
        for (String id : ids) {
            RealmModel realm = session.realms().getRealm(id);
            session.getContext().setRealm(realm);
            if (ensure(realm)) {
                added++;
            }
        }
        return added;
    }
}
