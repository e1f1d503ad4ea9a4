package org.mfasuite.keycloak.apppassword;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class AppPasswordAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-app-password";

    private static final AppPasswordAuthenticator SINGLETON = new AppPasswordAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "App password or password (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "For direct-grant (legacy) clients: accepts the username with one of the user's app passwords, or with the "
                + "real password where the settings and conditional access allow it. Use it instead of 'Password' "
                + "(direct-grant-validate-password), after 'Username Validation'. Its settings are the realm's app-password rules.";
    }

    /** Our own credential type: the Account Console lists app passwords because a flow uses this step. */
    @Override
    public String getReferenceCategory() {
        return AppPasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return AppPasswordSettings.configProperties();
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
