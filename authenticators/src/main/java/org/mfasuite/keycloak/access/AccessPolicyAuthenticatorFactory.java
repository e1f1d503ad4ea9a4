package org.mfasuite.keycloak.access;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class AccessPolicyAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-access-policy";

    private static final AccessPolicyAuthenticator SINGLETON = new AccessPolicyAuthenticator();
    private static final List<ProviderConfigProperty> PROPERTIES = AccessPolicyProperties.all();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Conditional access: policy";
    }

    @Override
    public String getHelpText() {
        return "One conditional-access policy; its config alias is the policy's name (the flow editor lists every "
                + "policy under this one title: open its settings to see the name). Place it after the user is "
                + "known. All enabled policies of the flow count, in any order; 'Conditional access: gate' enforces "
                + "the combined decision. A policy without a config does nothing yet; one saved without a grant "
                + "blocks the sign-ins it covers until a grant is chosen.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
