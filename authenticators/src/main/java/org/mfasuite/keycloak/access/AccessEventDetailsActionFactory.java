package org.mfasuite.keycloak.access;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class AccessEventDetailsActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-access-events";

    private static final AccessEventDetailsAction SINGLETON = new AccessEventDetailsAction();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Conditional access: record decisions on sign-in events (keep enabled, never set on users)";
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
