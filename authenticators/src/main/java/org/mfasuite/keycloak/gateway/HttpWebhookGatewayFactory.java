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

/** Provider {@code http}: a generic HTTP/JSON webhook for any SMS or voice provider. */
public class HttpWebhookGatewayFactory implements MessageGatewayFactory, ServerInfoAwareProviderFactory {

    private HttpWebhookSettings settings;
    private HttpClient http;

    @Override
    public void init(Config.Scope config) {
        settings = HttpWebhookSettings.from(config);
        // an unconfigured gateway never sends, so it gets no client (and no selector thread)
        http = settings.configured() ? GatewayHttp.newClient(settings.timeout()) : null;
    }

    @Override
    public MessageGateway create(KeycloakSession session) {
        return new HttpWebhookGateway(settings, http, GatewaySecrets.fromVault(session));
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
        return HttpWebhookGateway.PROVIDER_ID;
    }

    /** 10 once a url is configured, so it wins over {@code dev} (1); 0 before {@link #init}. */
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
                .property("url", "URL", "Endpoint each message is sent to; the gateway is off without it", STRING_TYPE, null, null)
                .property("method", "Method", "POST or PUT", ProviderConfigProperty.LIST_TYPE, "POST", List.of("POST", "PUT"))
                .property("content-type", "Content type", "Content-Type of the body; decides how placeholders are escaped", STRING_TYPE, HttpWebhookSettings.DEFAULT_CONTENT_TYPE, null)
                .property("body-template", "Body template", "Body with ${to} ${text} ${channel} ${realm} ${code}", ProviderConfigProperty.TEXT_TYPE, HttpWebhookSettings.DEFAULT_BODY_TEMPLATE, null)
                .property("auth-header-name", "Auth header name", "e.g. Authorization", STRING_TYPE, null, null)
                .property("auth-header-value", "Auth header value", "e.g. Bearer xyz; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("basic-username", "Basic auth user", "HTTP Basic user name", STRING_TYPE, null, null)
                .property("basic-password", "Basic auth password", "HTTP Basic password; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("message-id-pointer", "Message id pointer", "JSON Pointer to the message id in the answer, e.g. /id", STRING_TYPE, null, null)
                .property("timeout-ms", "Timeout (ms)", "Connect and response timeout", ProviderConfigProperty.INTEGER_TYPE, GatewayOptions.DEFAULT_TIMEOUT_MS, null)
                .build();
    }
}
