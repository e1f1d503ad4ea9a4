package org.mfasuite.keycloak.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.mfasuite.keycloak.core.SecondFactor;

/**
 * Reads what {@link MethodCatalog} decides on from Keycloak: the installed second-factor credential types (their
 * credential metadata: category two-factor or passwordless, with a set-up action), the credential types the realm's
 * browser flow checks, and the user's credentials.
 */
public final class RealmMethods {

    /** Credentials of the suite that are not sign-in methods a user picks (they ride on one). */
    static final Set<String> NOT_METHODS = Set.of("mfa-trusted-device", "mfa-app-password", "password");
    private static final Set<String> PHISHING_RESISTANT = Set.of("webauthn", "webauthn-passwordless");
    private static final Logger LOG = Logger.getLogger(RealmMethods.class);

    private final Map<String, MethodOption> installed;
    private final List<MethodOption> offered;

    private RealmMethods(Map<String, MethodOption> installed, List<MethodOption> offered) {
        this.installed = installed;
        this.offered = offered;
    }

    public static RealmMethods of(KeycloakSession session, RealmModel realm) {
        Map<String, MethodOption> installed = installed(session);
        Set<String> enabled = realm.getRequiredActionProvidersStream().filter(RequiredActionProviderModel::isEnabled)
                .map(RequiredActionProviderModel::getProviderId).collect(Collectors.toSet());
        List<String> flowTypes = new ArrayList<>();
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        if (browser != null) {
            walk(session, realm, browser.getId(), flowTypes, 0);
        }
        return new RealmMethods(installed, MethodCatalog.offered(flowTypes, installed, enabled));
    }

    /** The methods the realm offers, in the order the prompt shows them. */
    public List<MethodOption> offered() {
        return offered;
    }

    public MethodOption offered(String type) {
        return offered.stream().filter(m -> m.type().equals(type)).findFirst().orElse(null);
    }

    /** Whether credentials of this type are a second-factor method (offered or not). */
    public boolean isMethod(String type) {
        return installed.containsKey(type);
    }

    public MethodOption installed(String type) {
        return installed.get(type);
    }

    /** The user's credentials that are second-factor methods (offered or not), in the user's priority order. */
    public List<CredentialModel> credentialsOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().filter(c -> isMethod(c.getType())).toList();
    }

    /** The types of the user's second-factor credentials. */
    public Set<String> typesOf(UserModel user) {
        return credentialsOf(user).stream().map(CredentialModel::getType).collect(Collectors.toSet());
    }

    /** The user's credentials of offered methods, in the user's priority order (the first is the default). */
    public List<CredentialModel> offeredCredentialsOf(UserModel user) {
        return credentialsOf(user).stream().filter(c -> offered(c.getType()) != null).toList();
    }

    private static void walk(KeycloakSession session, RealmModel realm, String flowId, List<String> types, int depth) {
        if (depth > 20) {
            return;
        }
        for (AuthenticationExecutionModel e : realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED).toList()) {
            if (e.isAuthenticatorFlow()) {
                walk(session, realm, e.getFlowId(), types, depth + 1);
                continue;
            }
            String type = SecondFactor.checkedType(session, e);
            if (type != null) {
                types.add(type);
            }
        }
    }

    private static Map<String, MethodOption> installed(KeycloakSession session) {
        Map<String, MethodOption> methods = new LinkedHashMap<>();
        CredentialTypeMetadataContext context = CredentialTypeMetadataContext.builder().build(session);
        session.getKeycloakSessionFactory().getProviderFactoriesStream(CredentialProvider.class).forEach(f -> {
            try {
                CredentialProvider<?> provider = session.getProvider(CredentialProvider.class, f.getId());
                if (provider == null || NOT_METHODS.contains(provider.getType())) {
                    return;
                }
                CredentialTypeMetadata m = provider.getCredentialTypeMetadata(context);
                if (m != null && m.getCreateAction() != null && (m.getCategory() == CredentialTypeMetadata.Category.TWO_FACTOR
                        || m.getCategory() == CredentialTypeMetadata.Category.PASSWORDLESS)) {
                    methods.put(m.getType(), new MethodOption(m.getType(), m.getCreateAction(), m.getDisplayName(),
                            m.getHelpText(), m.getIconCssClass(), PHISHING_RESISTANT.contains(m.getType())));
                }
            } catch (RuntimeException ex) {
                LOG.debugf(ex, "Credential provider %s gives no metadata", f.getId());
            }
        });
        return methods;
    }
}
