package org.mfasuite.keycloak.registration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.mfasuite.keycloak.core.AdminUsers;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.mfasuite.keycloak.core.LastUseRecord;
import org.mfasuite.keycloak.flow.DefaultChoice;
import org.mfasuite.keycloak.oath.TokenPool;

/**
 * {@code GET /admin/realms/{realm}/mfa/users/{userId}/methods[?all=true]}: the user's second-factor methods in the
 * user's order (the first is the default), each with type, kind, label (phones masked), created, last used and where
 * that last use comes from; with {@code all=true} also what rides on a method (app passwords, remembered devices,
 * hardware tokens waiting for activation). Needs view-users (fine-grained user permissions respected).
 * <p>
 * {@code DELETE …/methods/{credentialId}}: removes one listed credential (never the password) through its own
 * credential provider, records an admin event and emails the user. Needs manage-users.
 * <p>
 * {@code PUT …/methods/{credentialId}/default}: makes an offered method the user's default, recorded as the admin's
 * choice ({@link DefaultChoice#setByAdmin}). Records an admin event and emails the user when the default changed.
 * Needs manage-users.
 */
public class UserMethodsResource {

    /** How many of the user's latest stored sign-in events are read for "last used". */
    static final int EVENTS_READ = 200;
    private static final Logger LOG = Logger.getLogger(UserMethodsResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String userId;

    public UserMethodsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                               AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.userId = userId;
    }

    /**
     * One method as the admin API shows it. {@code kind}: see {@link MethodKinds#kind}; {@code lastUsedSource}:
     * {@code sign-in-events}, {@code credential} or {@code not-recorded}; {@code isMethod}: false for what rides on
     * a method.
     */
    public record MethodView(String id, String type, String label, Long created, Long lastUsed, boolean offered,
                             boolean isDefault, String kind, String lastUsedSource, boolean isMethod) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<MethodView> list(@QueryParam("all") boolean all) {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireView(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        List<CredentialModel> credentials = methods.credentialsOf(user);
        String first = credentials.isEmpty() ? null : credentials.get(0).getId();
        List<CredentialModel> listed = new ArrayList<>(credentials);
        if (all) {
            listed.addAll(riders(user));
        }
        boolean eventsSaved = eventsSaved();
        Map<String, Long> fromEvents = eventsSaved ? lastUsedFromEvents(user) : Map.of();
        Map<String, String> hardware = listed.stream().anyMatch(c -> "otp".equals(c.getType()))
                ? new TokenPool(session, realm).serialsByCredential(user.getId()) : Map.of();
        Map<String, CredentialProvider<?>> providers = new HashMap<>();
        return listed.stream().map(c -> {
            CredentialProvider<?> provider = providers.computeIfAbsent(c.getType(), this::providerOf);
            boolean storesOwn = provider instanceof LastUseRecord;
            String source = MethodKinds.lastUseSource(c.getType(), storesOwn, eventsSaved);
            Long lastUsed = switch (source) {
                case MethodKinds.FROM_CREDENTIAL -> ((LastUseRecord) provider).lastUsed(c);
                case MethodKinds.FROM_EVENTS -> fromEvents.get(eventKey(c));
                default -> null;
            };
            boolean isMethod = methods.isMethod(c.getType());
            return new MethodView(c.getId(), c.getType(), MethodLabels.of(c), c.getCreatedDate(), lastUsed,
                    isMethod && methods.offered(c.getType()) != null, c.getId().equals(first),
                    MethodKinds.kind(c.getType(), hardware.containsKey(c.getId())), source, isMethod);
        }).toList();
    }

    @DELETE
    @Path("{credentialId}")
    public Response remove(@PathParam("credentialId") String credentialId) {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireManage(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        CredentialModel credential = user.credentialManager().getStoredCredentialById(credentialId);
        if (credential == null || !(methods.isMethod(credential.getType())
                || MethodKinds.RIDERS.contains(credential.getType()))) {
            throw new NotFoundException("Method not found");
        }
        CredentialProvider<?> provider = providerOf(credential.getType());
        // the capability's own provider cleans up what it keeps beside the credential (the push device index)
        boolean removed = provider != null ? provider.deleteCredential(realm, user, credentialId)
                : user.credentialManager().removeStoredCredentialById(credentialId);
        if (!removed) {
            throw new NotFoundException("Method not found");
        }
        DefaultChoice.forgetIfGone(user);
        Map<String, String> view = new LinkedHashMap<>();
        view.put("id", credential.getId());
        view.put("type", credential.getType());
        view.put("label", MethodLabels.of(credential));
        adminEvent.operation(OperationType.DELETE).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri()).representation(view).success();
        if (methods.isMethod(credential.getType())) {
            SecurityEmails.of(session, realm).send(user, SecurityEmails.Kind.REMOVED, SecurityEmails.describe(credential));
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("{credentialId}/default")
    public Response makeDefault(@PathParam("credentialId") String credentialId) {
        UserModel user = AdminUsers.find(session, realm, auth, userId);
        auth.users().requireManage(user);
        RealmMethods methods = RealmMethods.of(session, realm);
        List<CredentialModel> offered = methods.offeredCredentialsOf(user);
        CredentialModel credential = offered.stream().filter(c -> c.getId().equals(credentialId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Method not found"));
        boolean changed = !offered.get(0).getId().equals(credentialId);
        DefaultChoice.setByAdmin(user, credentialId);
        Map<String, String> view = new LinkedHashMap<>();
        view.put("id", credential.getId());
        view.put("type", credential.getType());
        view.put("label", MethodLabels.of(credential));
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri()).representation(view).success();
        if (changed) {
            SecurityEmails.of(session, realm).send(user, SecurityEmails.Kind.DEFAULT_CHANGED,
                    SecurityEmails.describe(credential));
        }
        return Response.noContent().build();
    }

    /** App passwords, remembered devices and tokens waiting for activation, in the user's order. */
    private List<CredentialModel> riders(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .filter(c -> MethodKinds.RIDERS.contains(c.getType())).toList();
    }

    private boolean eventsSaved() {
        return realm.isEventsEnabled() && session.getProvider(EventStoreProvider.class) != null;
    }

    /** The key a sign-in event names this credential by: Keycloak's id, or for WebAuthn its public-key id. */
    private static String eventKey(CredentialModel c) {
        if (MethodKinds.WEBAUTHN.contains(c.getType())) {
            try {
                return MethodKinds.webAuthnKey(WebAuthnCredentialModel.createFromCredentialModel(c)
                        .getWebAuthnCredentialData().getCredentialId());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return c.getId();
    }

    /**
     * Credential id (WebAuthn: its public-key id) → time of the latest sign-in that used it, from the stored
     * LOGIN events ({@code selected_credential_id}; WebAuthn: {@code public_key_credential_id}).
     */
    private Map<String, Long> lastUsedFromEvents(UserModel user) {
        Map<String, Long> used = new HashMap<>();
        session.getProvider(EventStoreProvider.class).createQuery().realm(realm.getId()).user(user.getId())
                .type(EventType.LOGIN).maxResults(EVENTS_READ).getResultStream()
                .filter(e -> e.getDetails() != null)
                .forEach(e -> {
                    String selected = e.getDetails().get(Details.SELECTED_CREDENTIAL_ID);
                    if (selected != null) {
                        used.merge(selected, e.getTime(), Math::max);
                    }
                    String webAuthn = MethodKinds.webAuthnKey(e.getDetails().get("public_key_credential_id"));
                    if (webAuthn != null) {
                        used.merge(webAuthn, e.getTime(), Math::max);
                    }
                });
        return used;
    }

    /** The credential provider that stores this type, or null. */
    private CredentialProvider<?> providerOf(String type) {
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(CredentialProvider.class)
                .map(f -> {
                    try {
                        return (CredentialProvider<?>) session.getProvider(CredentialProvider.class, f.getId());
                    } catch (RuntimeException e) {
                        LOG.debugf(e, "Credential provider %s not available", f.getId());
                        return null;
                    }
                })
                .filter(p -> p != null && type.equals(p.getType())).findFirst().orElse(null);
    }
}
