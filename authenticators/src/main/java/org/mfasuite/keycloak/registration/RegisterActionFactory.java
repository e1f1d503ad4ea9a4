package org.mfasuite.keycloak.registration;

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

public class RegisterActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-register";

    private static final RegisterAction SINGLETON = new RegisterAction();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Register a second sign-in method";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.super.getConfigMetadata());
        properties.addAll(RegisterSettings.configProperties());
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        List<String> problems = RegisterSettings.problems(model.getConfig());
        if (!problems.isEmpty()) {
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("\\(([a-z-]+)\\)").matcher(problems.get(0));
            throw new ValidationException(new ValidationError(PROVIDER_ID, key.find() ? key.group(1) : "config",
                    String.join("; ", problems)));
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
