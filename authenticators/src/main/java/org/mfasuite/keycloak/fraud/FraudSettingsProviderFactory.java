package org.mfasuite.keycloak.fraud;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The one component type of the {@code mfa-fraud-settings} SPI. Keycloak calls {@link #validateConfiguration} on
 * every save of the component (our admin REST, the components API, a realm import), so bad settings never land.
 */
public class FraudSettingsProviderFactory implements ComponentFactory<FraudSettingsProvider, FraudSettingsProvider> {

    public static final String PROVIDER_ID = "mfa-fraud-settings";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public FraudSettingsProvider create(KeycloakSession session, ComponentModel model) {
        return new FraudSettingsProvider() {
            @Override
            public void close() {
            }
        };
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        List<String> problems = FraudSettings.problems(model.getConfig());
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public String getHelpText() {
        return "What a report of a sign-in the user did not start does: block the user, notify, the report link.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(FraudSettings.BLOCK_USER).type(ProviderConfigProperty.LIST_TYPE)
                .options("sign-out", "disable", "none").defaultValue("sign-out").label("Block the user").add()
                .property().name(FraudSettings.NOTIFY_USER).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true").label("Email the user").add()
                .property().name(FraudSettings.ALERT_EMAILS).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .label("Alert addresses").add()
                .property().name(FraudSettings.REPORT_LINK).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true").label("Report link in texts and calls").add()
                .property().name(FraudSettings.LINK_HOURS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("24").label("Report link lifetime (hours)").add()
                .build();
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
