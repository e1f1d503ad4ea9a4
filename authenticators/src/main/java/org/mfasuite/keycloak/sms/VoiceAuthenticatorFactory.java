package org.mfasuite.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.mfasuite.keycloak.gateway.MessageGateways;
import org.mfasuite.keycloak.trust.TrustedDeviceCredentialModel;

public class VoiceAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-voice";

    private static final VoiceAuthenticator SINGLETON = new VoiceAuthenticator();
    private static final String SIGN_IN = "Sign-in by call.";

    private KeycloakSessionFactory sessionFactory;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Phone call (voice)";
    }

    @Override
    public String getHelpText() {
        return "Calls one of the user's registered phones and reads a one-time code aloud in the user's language, then "
                + "checks it. Shares the phones, send limits, allowed regions and helpdesk contact of the SMS step: set "
                + "them, and whether landlines may be registered for calls, on the required action "
                + "'Text message (SMS): register a phone'.";
    }

    /** The phone credential, as for SMS: levels of authentication and the Account Console know it. */
    @Override
    public String getReferenceCategory() {
        return PhoneCredentialModel.TYPE;
    }

    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(TrustedDeviceCredentialModel.TYPE);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(CallSettings.configProperties(SIGN_IN));
        properties.addAll(SmsSettings.configProperties(SIGN_IN, sessionFactory == null ? List.of()
                : MessageGateways.installedIds(sessionFactory)));
        return properties;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
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
