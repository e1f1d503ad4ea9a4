package org.mfasuite.keycloak.registration;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class StrongestFirstConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-strongest-first";
    private static final StrongestFirstCondition SINGLETON = new StrongestFirstCondition();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - strongest method first";
    }

    @Override
    public String getHelpText() {
        return "Always holds. Put it next to 'Condition - user configured' in a sub-flow of alternative second-factor "
                + "steps: the sign-in then starts with the user's strongest method (push, authenticator app or hardware "
                + "token, call or text) unless a default was chosen; switch: strongest-first of 'mfa-register'. Not "
                + "needed where 'Condition - conditional access requires a second factor' guards the sub-flow.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
    public ConditionalAuthenticator getSingleton() {
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
