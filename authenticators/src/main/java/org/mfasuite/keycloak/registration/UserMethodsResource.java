package org.mfasuite.keycloak.registration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code GET /admin/realms/{realm}/mfa/users/{userId}/methods}: the user's second-factor methods in the user's
 * order (the first is the default), each with type, label (phones masked), created and last used. Needs
 * view-users (fine-grained user permissions respected).
 */
public class UserMethodsResource {

    /** How many of the user's latest stored sign-in events are read for "last used". */
    static final int EVENTS_READ = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final String userId;

    public UserMethodsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.userId = userId;
    }

    /** One method as the admin API shows it. */
    public record MethodView(String id, String type, String label, Long created, Long lastUsed, boolean offered,
                             boolean isDefault) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<MethodView> list() {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireView(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        Map<String, Long> lastUsed = lastUsed(user);
        List<CredentialModel> credentials = methods.credentialsOf(user);
        String first = credentials.isEmpty() ? null : credentials.get(0).getId();
        return credentials.stream().map(c -> new MethodView(c.getId(), c.getType(), MethodLabels.of(c),
                c.getCreatedDate(), lastUsed.get(c.getId()), methods.offered(c.getType()) != null,
                c.getId().equals(first))).toList();
    }

    /** Credential id → time of the latest sign-in that used it, from the stored LOGIN events (when the realm saves them). */
    private Map<String, Long> lastUsed(UserModel user) {
        Map<String, Long> used = new HashMap<>();
        EventStoreProvider store = session.getProvider(EventStoreProvider.class);
        if (store == null || !realm.isEventsEnabled()) {
            return used;
        }
        store.createQuery().realm(realm.getId()).user(user.getId()).type(EventType.LOGIN).maxResults(EVENTS_READ)
                .getResultStream()
                .filter(e -> e.getDetails() != null && e.getDetails().get(Details.SELECTED_CREDENTIAL_ID) != null)
                .forEach(e -> used.merge(e.getDetails().get(Details.SELECTED_CREDENTIAL_ID), e.getTime(), Math::max));
        return used;
    }
}
