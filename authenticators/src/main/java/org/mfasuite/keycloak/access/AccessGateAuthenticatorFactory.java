package org.mfasuite.keycloak.access;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class AccessGateAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-access-gate";
    public static final String HELPDESK = "helpdesk-contact";

    private static final AccessGateAuthenticator SINGLETON = new AccessGateAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Conditional access: gate";
    }

    @Override
    public String getHelpText() {
        return "Enforces the decision of the flow's conditional-access policies: blocks, starts the registration of a "
                + "second factor for users who must use one and have none, and refuses sign-ins that did not give "
                + "the second factor required. Place it last, after the second-factor sub-flows.";
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
        return ProviderConfigurationBuilder.create()
                .property().name(HELPDESK).label("Helpdesk contact")
                .helpText("Shown on the refusal page, e.g. 'helpdesk@example.org, +46 8 123 456 78'. Empty: the "
                        + "helpdesk contact of the required action 'Text message (SMS): register a phone', else "
                        + "'contact your administrator'.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build();
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
