package org.mfasuite.keycloak.apppassword;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;
import org.mfasuite.keycloak.access.FreshSecondFactor;

public class AppPasswordCreateActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-app-password-create";

    private static final AppPasswordCreateAction SINGLETON = new AppPasswordCreateAction();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "App password: create one";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.super.getConfigMetadata());
        properties.add(FreshSecondFactor.MINUTES.property("App password creation."));
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        String problem = FreshSecondFactor.MINUTES.problem(model.getConfig());
        if (problem != null) {
            throw new ValidationException(new ValidationError(PROVIDER_ID, FreshSecondFactor.MINUTES.key(), problem));
        }
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
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
