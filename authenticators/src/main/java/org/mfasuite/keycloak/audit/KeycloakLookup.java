package org.mfasuite.keycloak.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Users and credentials for one request, each looked up once. People only for callers who may view users. */
final class KeycloakLookup implements SignInRows.Lookup {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final boolean people;
    private final Map<String, Optional<UserModel>> users = new HashMap<>();
    private final Map<String, Optional<SignInRows.Credential>> credentials = new HashMap<>();

    KeycloakLookup(KeycloakSession session, RealmModel realm, boolean people) {
        this.session = session;
        this.realm = realm;
        this.people = people;
    }

    @Override
    public SignInRows.Credential credential(String userId, String credentialId) {
        if (userId == null) {
            return null;
        }
        return credentials.computeIfAbsent(userId + "/" + credentialId, k -> user(userId)
                .map(u -> u.credentialManager().getStoredCredentialById(credentialId))
                .map((CredentialModel c) -> new SignInRows.Credential(c.getType(), c.getUserLabel()))).orElse(null);
    }

    @Override
    public SignInRows.Person person(String userId) {
        if (!people) {
            return null;
        }
        return user(userId).map(u -> new SignInRows.Person(u.getUsername(), name(u), u.getEmail())).orElse(null);
    }

    private Optional<UserModel> user(String id) {
        return users.computeIfAbsent(id, k -> Optional.ofNullable(session.users().getUserById(realm, k)));
    }

    private static String name(UserModel user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? null : name;
    }
}
