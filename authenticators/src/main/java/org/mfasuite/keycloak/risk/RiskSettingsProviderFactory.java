package org.mfasuite.keycloak.risk;

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
 * The one component type of the {@code mfa-risk-settings} SPI. Keycloak calls {@link #validateConfiguration} on
 * every save of the component (our admin REST, the components API, a realm import), so bad settings never land.
 */
public class RiskSettingsProviderFactory implements ComponentFactory<RiskSettingsProvider, RiskSettingsProvider> {

    public static final String PROVIDER_ID = "mfa-risk-settings";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public RiskSettingsProvider create(KeycloakSession session, ComponentModel model) {
        return () -> {
        };
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        List<String> problems = RiskSettings.problems(model.getConfig());
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public String getHelpText() {
        return "How sign-in risk is judged: history kept, thresholds of the signals, the level each signal gives.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        RiskSettings d = RiskSettings.DEFAULTS;
        ProviderConfigurationBuilder b = ProviderConfigurationBuilder.create()
                .property().name(RiskSettings.HISTORY_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(Integer.toString(d.historyDays())).label("Sign-in history (days)").add()
                .property().name(RiskSettings.LOCATION_SIGN_INS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(Integer.toString(d.locationSignIns())).label("Familiar location: among the last N sign-ins").add()
                .property().name(RiskSettings.SPRAY_USERS).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(Integer.toString(d.sprayUsers())).label("Password spray: users failed per address and hour").add()
                .property().name(RiskSettings.FATIGUE_PUSHES).type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(Integer.toString(d.fatiguePushes())).label("MFA fatigue: pushes denied or unanswered per hour").add();
        for (RiskSignal s : RiskSignal.values()) {
            b.property().name(RiskSettings.levelKey(s)).type(ProviderConfigProperty.LIST_TYPE)
                    .options("none", "low", "medium", "high").defaultValue(d.signalLevels().get(s).id())
                    .label("Level of " + s.id()).add();
        }
        return b.property().name(RiskSettings.TWO_SIGNALS).type(ProviderConfigProperty.LIST_TYPE)
                .options("none", "low", "medium", "high").defaultValue(d.twoSignalsLevel().id())
                .label("Least level of two or more signals").add()
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
