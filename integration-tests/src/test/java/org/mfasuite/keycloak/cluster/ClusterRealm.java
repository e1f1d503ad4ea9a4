package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.mfasuite.keycloak.it.DemoUsers;
import org.mfasuite.keycloak.it.Outbox;

/** The demo realm on the cluster, through the admin REST API: users, a browser client, rules, events, outbox. */
final class ClusterRealm {

    static final String PASSWORD = DemoUsers.PASSWORD;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RealmResource realm;
    private final Path outbox;

    ClusterRealm(RealmResource realm, Path outbox) {
        this.realm = realm;
        this.outbox = outbox;
    }

    /** A user the test signs in as: name, id and the phone the codes go to. */
    record User(String name, String id, String phone) {
    }

    /** A new user with a password and one verified phone; {@code staff}: in group /staff (policy "staff need mfa"). */
    User userWithPhone(String prefix, boolean staff) {
        return userWithPhone(prefix, staff, List.of());
    }

    /** As {@link #userWithPhone(String, boolean)}, with more credentials after the phone in the user's order. */
    User userWithPhone(String prefix, boolean staff, List<CredentialRepresentation> more) {
        String name = DemoUsers.uniqueName(prefix);
        String phone = DemoUsers.uniquePhone();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEmail(name + "@example.org");
        user.setFirstName(name);
        user.setLastName("Cluster");
        user.setEmailVerified(true);
        user.setEnabled(true);
        if (staff) {
            user.setGroups(List.of("/staff"));
        }
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("mfa-phone");
        credential.setUserLabel(phone);
        credential.setCredentialData("{\"phoneNumber\":\"" + phone + "\"}");
        credential.setSecretData("{}");
        List<CredentialRepresentation> credentials = new java.util.ArrayList<>(List.of(password, credential));
        credentials.addAll(more);
        user.setCredentials(credentials);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating " + name + " failed: " + response.getStatus());
            }
            String path = response.getLocation().getPath();
            return new User(name, path.substring(path.lastIndexOf('/') + 1), phone);
        }
    }

    /** A new user with only a password and a pending required action (e.g. {@code mfa-push-enroll}). */
    User userWithRequiredAction(String prefix, String action) {
        String name = DemoUsers.uniqueName(prefix);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(name);
        user.setEmail(name + "@example.org");
        // a complete profile: otherwise Keycloak asks for it first
        user.setFirstName(name);
        user.setLastName("Cluster");
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setRequiredActions(List.of(action));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating " + name + " failed: " + response.getStatus());
            }
            String path = response.getLocation().getPath();
            return new User(name, path.substring(path.lastIndexOf('/') + 1), null);
        }
    }

    /** Replaces an existing user's pending required actions (e.g. with {@code mfa-app-password-create}; none). */
    void setRequiredActions(User user, String... actions) {
        UserRepresentation representation = realm.users().get(user.id()).toRepresentation();
        representation.setRequiredActions(List.of(actions));
        realm.users().get(user.id()).update(representation);
    }

    /** A public browser client whose redirect the {@link Browser} recognises. */
    void addBrowserClient() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(Browser.CLIENT);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of("http://127.0.0.1/cluster-app/*"));
        try (Response response = realm.clients().create(client)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating the client failed: " + response.getStatus());
            }
        }
    }

    /** Lets a test type codes faster than a person: Keycloak's quick-login check (two failures < 1 s) off. */
    void allowFastTyping() {
        RealmRepresentation representation = realm.toRepresentation();
        representation.setQuickLoginCheckMilliSeconds(0L);
        realm.update(representation);
    }

    /** Changes keys of the realm's phone rules (the mfa-phone-register required action's config). */
    void setPhoneRules(Map<String, String> changes) {
        RequiredActionConfigRepresentation config = realm.flows().getRequiredActionConfig("mfa-phone-register");
        Map<String, String> updated = new HashMap<>(config.getConfig());
        updated.putAll(changes);
        config.setConfig(updated);
        realm.flows().updateRequiredActionConfig("mfa-phone-register", config);
    }

    /** Changes keys of the demo's SMS step config ({@code sms codes}); returns the old values to put back. */
    Map<String, String> setSmsStep(Map<String, String> changes) {
        String configId = realm.flows().getExecutions("browser with mfa - second factor").stream()
                .filter(e -> "mfa-sms".equals(e.getProviderId())).map(e -> e.getAuthenticationConfig())
                .findFirst().orElseThrow();
        var config = realm.flows().getAuthenticatorConfig(configId);
        Map<String, String> old = new HashMap<>(config.getConfig());
        Map<String, String> updated = new HashMap<>(old);
        updated.putAll(changes);
        config.setConfig(updated);
        realm.flows().updateAuthenticatorConfig(configId, config);
        return old;
    }

    int sent(User user) {
        return Outbox.messagesTo(outbox, user.phone()).size();
    }

    String lastCode(User user) {
        List<JsonNode> messages = Outbox.messagesTo(outbox, user.phone());
        if (messages.isEmpty()) {
            throw new AssertionError("No message to " + user.phone() + " in " + outbox);
        }
        return messages.get(messages.size() - 1).path("code").asText();
    }

    List<EventRepresentation> events(User user, String type) {
        return realm.getEvents(List.of(type), null, user.id(), null, null, null, 0, 100);
    }

    EventRepresentation lastEvent(User user, String type) {
        List<EventRepresentation> events = events(user, type);
        if (events.isEmpty()) {
            throw new AssertionError("No " + type + " event for " + user.name());
        }
        return events.get(0);
    }

    int sessions(User user) {
        return realm.users().get(user.id()).getUserSessions().size();
    }

    long credentials(User user, String type) {
        return realm.users().get(user.id()).credentials().stream().filter(c -> type.equals(c.getType())).count();
    }

    /** The password grant of {@code client} on {@code node}. */
    HttpResponse<String> passwordGrant(KeycloakNode node, String client, User user) {
        String body = "grant_type=password&client_id=" + client + "&username=" + user.name() + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
