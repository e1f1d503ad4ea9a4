package org.mfasuite.keycloak.temporarypass;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class TemporaryPassAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-temporary-pass";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Temporary access pass";
    }

    @Override
    public String getHelpText() {
        return "As the first step (in place of 'Username Password Form'): the same form, which also takes the user's "
                + "temporary access pass in the password field; a pass counts as the second factor too. As a "
                + "second-factor step: asks for the pass, offered only to users who have one that works now. Its "
                + "settings are the realm's limits for passes (the first configured step's).";
    }

    @Override
    public String getReferenceCategory() {
        return TemporaryPassCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return TemporaryPassSettings.configProperties();
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new TemporaryPassAuthenticator(session);
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
