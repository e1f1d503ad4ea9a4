package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import static org.keycloak.provider.ProviderConfigProperty.STRING_TYPE;

/** Provider {@code twilio}: SMS and voice through Twilio's REST API. */
public class TwilioGatewayFactory implements MessageGatewayFactory, ServerInfoAwareProviderFactory {

    private TwilioSettings settings;
    private HttpClient http;

    @Override
    public void init(Config.Scope config) {
        settings = TwilioSettings.from(config);
        // an unconfigured gateway never sends, so it gets no client (and no selector thread)
        http = settings.configured() ? GatewayHttp.newClient(settings.timeout()) : null;
    }

    @Override
    public MessageGateway create(KeycloakSession session) {
        return new TwilioGateway(settings, http, GatewaySecrets.fromVault(session));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        GatewayHttp.close(http);
    }

    @Override
    public String getId() {
        return TwilioGateway.PROVIDER_ID;
    }

    /** 10 once an account is configured, so it wins over {@code dev} (1); 0 before {@link #init}. */
    @Override
    public int order() {
        return settings != null && settings.configured() ? 10 : 0;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("configured", String.valueOf(order() > 0));
        if (order() > 0) {
            info.putAll(settings.describe());
        }
        return info;
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
