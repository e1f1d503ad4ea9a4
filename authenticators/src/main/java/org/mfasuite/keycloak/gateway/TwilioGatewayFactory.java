package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.util.List;
import java.util.function.UnaryOperator;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import static org.keycloak.provider.ProviderConfigProperty.STRING_TYPE;

/** Provider {@code twilio}: SMS and voice through Twilio's REST API. */
public class TwilioGatewayFactory extends HttpGatewayFactory<TwilioSettings> {

    @Override
    protected TwilioSettings readSettings(Config.Scope config) {
        return TwilioSettings.from(config);
    }

    @Override
    protected MessageGateway newGateway(TwilioSettings settings, HttpClient http, UnaryOperator<String> secrets) {
        return new TwilioGateway(settings, http, secrets);
    }

    @Override
    public String getId() {
        return TwilioGateway.PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property("account-sid", "Account SID", "Twilio Account SID (AC...); the gateway is off without it", STRING_TYPE, null, null)
                .property("auth-token", "Auth token", "Account auth token; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("api-key-sid", "API key SID", "Authenticate with this API key (SK...) instead of the auth token", STRING_TYPE, null, null)
                .property("api-key-secret", "API key secret", "Secret of the API key; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("from", "From", "Sender number in E.164; required for voice calls", STRING_TYPE, null, null)
                .property("messaging-service-sid", "Messaging service SID", "MG...; preferred over from for SMS", STRING_TYPE, null, null)
                .property("base-url", "Base URL", "Twilio API root", STRING_TYPE, TwilioSettings.DEFAULT_BASE_URL.toString(), null)
                .property("timeout-ms", "Timeout (ms)", "Connect and response timeout", ProviderConfigProperty.INTEGER_TYPE, GatewayOptions.DEFAULT_TIMEOUT_MS, null)
                .build();
    }
}
