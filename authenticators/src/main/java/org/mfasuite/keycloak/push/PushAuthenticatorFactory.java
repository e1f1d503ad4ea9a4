package org.mfasuite.keycloak.push;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.push.delivery.PushDeliverySettings;

public class PushAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-push";

    private static final PushAuthenticator SINGLETON = new PushAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Push approval (number matching)";
    }

    @Override
    public String getHelpText() {
        return "Sends a sign-in request to the user's enrolled phones; the user approves it by picking the number "
                + "shown on the sign-in page. Requests can be denied or reported (\"This wasn't me\").";
    }

    @Override
    public String getReferenceCategory() {
        return PushDeviceCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new java.util.ArrayList<>(PushSettings.configProperties());
        properties.addAll(PushDeliverySettings.configProperties());
        return properties;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
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
