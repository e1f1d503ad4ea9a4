package org.mfasuite.keycloak.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.GroupBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * The login benchmark's realm: Keycloak's defaults (Argon2 password hashing included), the groups and roles
 * {@link PolicyMix} names, a few staff users with a password only, and one public client per flow under test.
 * The flows themselves are added through the admin API, as an admin would build them.
 */
public class BenchRealm implements RealmConfig {

    static final String NAME = "mfa-bench";
    static final String PASSWORD = "bench-password-1";
    static final int USERS = 4;
    static final String REDIRECT_URI = "http://127.0.0.1/bench/callback";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        Map<String, Map<String, String>> configs = PolicyMix.configs(PolicyEvaluationBenchmark.POLICIES);
        List<UserRepresentation> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add(user("bench-" + i));
        }
        // plain HTTP from the (forwarded) office addresses, as behind a TLS-terminating proxy
        return realm.name(NAME).sslRequired("none")
                .groups(groups(PolicyMix.groups(configs)).stream().map(GroupBuilder::update).toArray(GroupBuilder[]::new))
                .realmRoles(PolicyMix.roles(configs).toArray(String[]::new))
                .users(users.toArray(UserRepresentation[]::new))
                .clients(clients(configs));
    }

    /** The two clients under test, and the ones the policies name (an unknown client is a policy problem). */
    private static ClientRepresentation[] clients(Map<String, Map<String, String>> configs) {
        List<ClientRepresentation> clients = new ArrayList<>(List.of(BenchFlows.client(BrowserSignInBenchmark.PLAIN_CLIENT),
                BenchFlows.client(BrowserSignInBenchmark.POLICIES_CLIENT)));
        PolicyMix.clients(configs).forEach(id -> clients.add(BenchFlows.client(id)));
        return clients.toArray(ClientRepresentation[]::new);
    }

    /** Top-level groups with their sub-groups, from paths listed parents first. */
    private static List<GroupRepresentation> groups(Iterable<String> paths) {
        Map<String, GroupRepresentation> byPath = new LinkedHashMap<>();
        List<GroupRepresentation> top = new ArrayList<>();
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            GroupRepresentation group = new GroupRepresentation();
            group.setName(path.substring(slash + 1));
            group.setSubGroups(new ArrayList<>());
            byPath.put(path, group);
            if (slash == 0) {
                top.add(group);
            } else {
                byPath.get(path.substring(0, slash)).getSubGroups().add(group);
            }
        }
        return top;
    }

    private static UserRepresentation user(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Bench");
        user.setEnabled(true);
        user.setGroups(List.of(PolicyMix.STAFF_GROUP));
        user.setRealmRoles(List.of("default-roles-" + NAME));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }
}
