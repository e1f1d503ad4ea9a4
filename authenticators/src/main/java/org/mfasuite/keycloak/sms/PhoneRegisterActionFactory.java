package org.mfasuite.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.models.ModelValidationException;
import org.mfasuite.keycloak.challenge.CodeSettings;

public class PhoneRegisterActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "mfa-phone-register";
    /** How many phones one user may register; more is a sign of abuse, not of need. */
    public static final String MAX_PHONES = "max-phones";
    static final int DEFAULT_MAX_PHONES = 5;
    private static final int MAX_PHONES_LIMIT = 20;

    private static final PhoneRegisterAction SINGLETON = new PhoneRegisterAction();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Register a phone for SMS codes";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.super.getConfigMetadata());
        properties.addAll(SmsSettings.configProperties());
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(MAX_PHONES).label("Phones per user")
                .helpText("How many phones one user may register (1 to " + MAX_PHONES_LIMIT + ").")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_MAX_PHONES)).add()
                .build());
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        List<String> problems = new ArrayList<>(CodeSettings.problems(model.getConfig()));
        String maxPhones = model.getConfigValue(MAX_PHONES);
        if (maxPhones != null && !maxPhones.isBlank() && maxPhones(model.getConfig()) != parseOrZero(maxPhones)) {
            problems.add(MAX_PHONES + " must be between 1 and " + MAX_PHONES_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw new ModelValidationException(String.join("; ", problems));
        }
    }

    /** The configured phone limit, clamped to 1..20; the default when unset or unreadable. */
    static int maxPhones(Map<String, String> config) {
        int value = parseOrZero(config == null ? null : config.get(MAX_PHONES));
        return value == 0 ? DEFAULT_MAX_PHONES : Math.max(1, Math.min(MAX_PHONES_LIMIT, value));
    }

    private static int parseOrZero(String raw) {
        try {
            return raw == null ? 0 : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return 0;
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
