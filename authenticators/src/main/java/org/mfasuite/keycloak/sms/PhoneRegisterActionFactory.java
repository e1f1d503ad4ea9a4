package org.mfasuite.keycloak.sms;

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
import org.mfasuite.keycloak.gateway.MessageGateways;

public class PhoneRegisterActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-phone-register";

    private static final PhoneRegisterAction SINGLETON = new PhoneRegisterAction();
    private static final String REGISTRATION = "Registration: codes sent to prove a new phone.";

    private KeycloakSessionFactory sessionFactory;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Text message (SMS): register a phone";
    }

    /** Registration's own code settings, then the realm's phone rules, which sign-in reads too ({@link PhonePolicy}). */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.super.getConfigMetadata());
        properties.addAll(SmsSettings.configProperties(REGISTRATION, installedGateways()));
        properties.addAll(PhonePolicy.configProperties());
        return properties;
    }

    /** Refuses values that would break sending, naming each field and what it takes. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        List<String> problems = new ArrayList<>(SmsSettings.problems(model.getConfig(),
                MessageGateways.installedIds(session.getKeycloakSessionFactory())));
        problems.addAll(PhonePolicy.problems(model.getConfig()));
        if (!problems.isEmpty()) {
            // the field: the key each problem names in parentheses, e.g. "Codes per user (send-limit) must ..."
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("\\(([a-z-]+)\\)").matcher(problems.get(0));
            throw new ValidationException(new ValidationError(PROVIDER_ID, key.find() ? key.group(1) : "config",
                    String.join("; ", problems)));
        }
    }

    private List<String> installedGateways() {
        return sessionFactory == null ? List.of() : MessageGateways.installedIds(sessionFactory);
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
        this.sessionFactory = factory;
    }

    @Override
    public void close() {
    }
}
