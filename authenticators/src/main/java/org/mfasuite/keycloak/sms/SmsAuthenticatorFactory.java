package org.mfasuite.keycloak.sms;

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

public class SmsAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "mfa-sms";

    private static final SmsAuthenticator SINGLETON = new SmsAuthenticator();

    private KeycloakSessionFactory sessionFactory;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Text message (SMS)";
    }

    @Override
    public String getHelpText() {
        return "Sends a one-time code by text message to one of the user's verified phones and checks it. Send limits, "
                + "allowed regions and the helpdesk contact are realm-wide: set them on the required action "
                + "'Text message (SMS): register a phone'.";
    }

    /**
     * Our own credential type: the Account Console lists it, and levels of authentication (step-up to
     * add or remove a phone) know it. Brute-force counting is reported by the authenticator itself.
     */
    @Override
    public String getReferenceCategory() {
        return PhoneCredentialModel.TYPE;
    }

    /**
     * The Account Console lists a credential type only when an enabled execution names it as a (optional)
     * reference category; remembered devices have no step of their own, and this step is where users remember
     * them. Optional categories do not enter levels of authentication.
     */
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
        return SmsSettings.configProperties("Sign-in.", sessionFactory == null ? List.of()
                : MessageGateways.installedIds(sessionFactory));
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
