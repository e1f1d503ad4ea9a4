package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.util.List;
import java.util.function.UnaryOperator;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import static org.keycloak.provider.ProviderConfigProperty.STRING_TYPE;

/** Provider {@code http}: a generic HTTP/JSON webhook for any SMS or voice provider. */
public class HttpWebhookGatewayFactory extends HttpGatewayFactory<HttpWebhookSettings> {

    @Override
    protected HttpWebhookSettings readSettings(Config.Scope config) {
        return HttpWebhookSettings.from(config);
    }

    @Override
    protected MessageGateway newGateway(HttpWebhookSettings settings, HttpClient http, UnaryOperator<String> secrets) {
        return new HttpWebhookGateway(settings, http, secrets);
    }

    @Override
    public String getId() {
        return HttpWebhookGateway.PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property("url", "URL", "Endpoint each message is sent to; the gateway is off without it", STRING_TYPE, null, null)
                .property("method", "Method", "POST or PUT", ProviderConfigProperty.LIST_TYPE, "POST", List.of("POST", "PUT"))
                .property("content-type", "Content type", "Content-Type of the body; decides how placeholders are escaped", STRING_TYPE, HttpWebhookSettings.DEFAULT_CONTENT_TYPE, null)
                .property("body-template", "Body template", "Body with ${to} ${text} ${channel} (sms or voice) ${realm} ${code} ${language} ${from}", ProviderConfigProperty.TEXT_TYPE, HttpWebhookSettings.DEFAULT_BODY_TEMPLATE, null)
                .property("auth-header-name", "Auth header name", "e.g. Authorization", STRING_TYPE, null, null)
                .property("auth-header-value", "Auth header value", "e.g. Bearer xyz; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("basic-username", "Basic auth user", "HTTP Basic user name", STRING_TYPE, null, null)
                .property("basic-password", "Basic auth password", "HTTP Basic password; a vault reference is allowed", ProviderConfigProperty.PASSWORD, null, null, true)
                .property("message-id-pointer", "Message id pointer", "JSON Pointer to the message id in the answer, e.g. /id", STRING_TYPE, null, null)
                .property("timeout-ms", "Timeout (ms)", "Connect and response timeout", ProviderConfigProperty.INTEGER_TYPE, GatewayOptions.DEFAULT_TIMEOUT_MS, null)
                .build();
    }
}
