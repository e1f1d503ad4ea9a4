package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;

/** Calls the suite's admin REST API as a user of the demo realm (a token from a direct-grant client). */
final class AdminApi {

    static final String CLI = "mfa-admin-cli";

    private final ManagedRealm realm;
    private final KeycloakUrls urls;

    AdminApi(ManagedRealm realm, KeycloakUrls urls) {
        this.realm = realm;
        this.urls = urls;
        if (realm.admin().clients().findByClientId(CLI).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(CLI);
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(false);
            try (Response created = realm.admin().clients().create(client)) {
                assertEquals(201, created.getStatus());
            }
            realm.cleanup().add(r -> r.clients().findByClientId(CLI).forEach(c -> r.clients().get(c.getId()).remove()));
        }
    }

    /** A new demo user holding the given realm-management roles (none: a plain user); returns its token. */
    String tokenWithRoles(String... roles) {
        String username = DemoUsers.uniqueName("admin");
        String id = DemoUsers.create(realm, username, List.of(), false);
        if (roles.length > 0) {
            String rm = realm.admin().clients().findByClientId("realm-management").get(0).getId();
            List<RoleRepresentation> reps = java.util.Arrays.stream(roles)
                    .map(r -> realm.admin().clients().get(rm).roles().get(r).toRepresentation()).toList();
            realm.admin().users().get(id).roles().clientLevel(rm).add(reps);
        }
        HttpResponse<String> response = passwordGrant(username, DemoUsers.PASSWORD);
        assertEquals(200, response.statusCode(), response.body());
        return (String) json(response.body(), Map.class).get("access_token");
    }

    /** A password-grant sign-in through the demo's direct-grant flow. */
    HttpResponse<String> passwordGrant(String username, String password) {
        String form = HttpCalls.form(Map.of("grant_type", "password", "client_id", CLI, "username", username,
                "password", password));
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getToken(realm.getName())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> methods(String token, String userId) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("users/" + userId + "/methods"))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> reset(String token, String userId, boolean includePasskeys) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("users/" + userId + "/reset" + (includePasskeys ? "?includePasskeys=true" : "")))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** PUT …/methods/{credentialId}/default: the admin makes the method the user's default. */
    HttpResponse<String> makeDefault(String token, String userId, String credentialId) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("users/" + userId + "/methods/" + credentialId + "/default"))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    private URI uri(String path) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/" + path);
    }

    static <T> T json(String body, Class<T> type) {
        try {
            return JsonSerialization.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
