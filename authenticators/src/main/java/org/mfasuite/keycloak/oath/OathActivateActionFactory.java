package org.mfasuite.keycloak.oath;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The activation of imported hardware tokens; enabling it in a realm is the setting "tokens need activation". */
public class OathActivateActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-oath-activate";

    private static final OathActivateAction SINGLETON = new OathActivateAction();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Hardware token: activate with one code";
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
