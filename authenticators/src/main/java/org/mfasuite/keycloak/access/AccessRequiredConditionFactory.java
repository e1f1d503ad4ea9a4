package org.mfasuite.keycloak.access;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class AccessRequiredConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-access-required";
    /** Config key: {@code any} (default) or {@code phishing-resistant}. */
    public static final String SECOND_FACTOR = "second-factor";
    public static final String ANY = "any";
    public static final String PHISHING_RESISTANT = "phishing-resistant";

    /** Config key: what the sub-flow does when no policy applies: {@code if-set-up} (default) or {@code skip}. */
    public static final String NO_POLICY = "when-no-policy-applies";
    public static final String IF_SET_UP = "if-set-up";
    public static final String SKIP = "skip";

    private static final AccessRequiredCondition SINGLETON = new AccessRequiredCondition();

    static boolean phishingResistantOnly(AuthenticatorConfigModel config) {
        return config != null && config.getConfig() != null
                && PHISHING_RESISTANT.equals(config.getConfig().get(SECOND_FACTOR));
    }

    static boolean runsIfSetUp(AuthenticatorConfigModel config) {
        return config == null || config.getConfig() == null || !SKIP.equals(config.getConfig().get(NO_POLICY));
    }

    static boolean phishingResistantOnly(RealmModel realm, AuthenticationExecutionModel execution) {
        return execution.getAuthenticatorConfig() != null
                && phishingResistantOnly(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - conditional access requires a second factor";
    }

    @Override
    public String getHelpText() {
        return "Runs this sub-flow when the conditional-access decision requires a second factor that this "
                + "sign-in has not given yet (sign-in frequency and remembered devices count).";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SECOND_FACTOR).label("Second factor")
                .helpText("any: run for decisions that require any second factor (mfa), and for phishing-resistant "
                        + "ones when no sub-flow is marked phishing-resistant. phishing-resistant: run only for "
                        + "decisions that require WebAuthn / passkey; put only WebAuthn steps in this sub-flow. "
                        + "Default any.")
                .type(ProviderConfigProperty.LIST_TYPE).options(ANY, PHISHING_RESISTANT).defaultValue(ANY).add()
                .property().name(NO_POLICY).label("When no policy applies")
                .helpText("if-set-up: run for users who have set up one of this sub-flow's methods, as Keycloak's "
                        + "'Condition - user configured' (the usual browser flow). skip: a second factor only when "
                        + "a policy requires one. Ignored by a phishing-resistant sub-flow. Default if-set-up.")
                .type(ProviderConfigProperty.LIST_TYPE).options(IF_SET_UP, SKIP).defaultValue(IF_SET_UP).add()
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
