package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts each message to an operator's HTTP endpoint using a body template. Any 2xx means accepted. The rendered
 * body holds the code, so it never reaches a log line or an exception message.
 */
public class HttpWebhookGateway implements MessageGateway {

    public static final String PROVIDER_ID = "http";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpWebhookSettings settings;
    private final HttpClient http;
    private final UnaryOperator<String> secrets;
    private final BodyTemplate body;

    public HttpWebhookGateway(HttpWebhookSettings settings, HttpClient http, UnaryOperator<String> secrets) {
        this.settings = settings;
        this.http = http;
        this.secrets = secrets;
        this.body = new BodyTemplate(settings.bodyTemplate(), settings.contentType());
    }

    @Override
    public GatewayReceipt send(OutgoingMessage message) throws GatewayException {
        if (!settings.configured()) {
            throw GatewayException.notDelivered("not_configured", "http: option url is not set");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", settings.contentType())
                .method(settings.method(), HttpRequest.BodyPublishers.ofString(body.render(message), StandardCharsets.UTF_8));
        if (settings.authHeaderName() != null) {
            String value = GatewaySecrets.require(secrets, settings.authHeaderValue(), PROVIDER_ID, "auth-header-value");
            header(request, settings.authHeaderName(), value, "auth-header-value");
        }
        if (settings.basicUsername() != null) {
            String password = GatewaySecrets.require(secrets, settings.basicPassword(), PROVIDER_ID, "basic-password");
            header(request, "Authorization", GatewayHttp.basicAuth(settings.basicUsername(), password), "basic-password");
        }
        GatewayHttp.Answer response = GatewayHttp.send(http, request.build(), PROVIDER_ID);
        if (!GatewayHttp.isSuccess(response.status())) {
            throw GatewayHttp.statusError(PROVIDER_ID, response);
        }
        return new GatewayReceipt(PROVIDER_ID, messageId(response.body()));
    }

    /** Rejects a secret that is no valid header value (e.g. has a line break) without echoing the secret. */
    private static void header(HttpRequest.Builder request, String name, String value, String option)
            throws GatewayException {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException e) {
            throw GatewayException.notDelivered("not_configured", "http: option " + option + " is not a valid header value");
        }
    }

    /** The accepted message's id at message-id-pointer; null when unset, absent or the answer is not JSON. */
    private String messageId(String responseBody) {
        if (settings.messageIdPointer() == null || responseBody == null || responseBody.isBlank()) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(responseBody).at(JsonPointer.compile(settings.messageIdPointer()));
            return id.isValueNode() && !id.isNull() ? id.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
