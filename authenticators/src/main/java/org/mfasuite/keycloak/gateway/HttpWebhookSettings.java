package org.mfasuite.keycloak.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import org.keycloak.Config;

/**
 * Options of the {@code http} gateway. {@code authHeaderValue} and {@code basicPassword} hold the configured values,
 * which may be vault references; they are resolved per send and left out of {@link #toString()}.
 *
 * @param url              where to send; the gateway is off without it
 * @param method           POST or PUT
 * @param bodyTemplate     request body with placeholders ${to}, ${text}, ${channel} (sms or voice),
 *                         ${realm}, ${code}, ${language} (BCP 47, e.g. sv-SE), ${from} (the step's caller id or empty)
 * @param messageIdPointer JSON Pointer ({@code /data/messageId}) to the gateway's id in a JSON answer, or null
 */
public record HttpWebhookSettings(URI url, String method, String contentType, String bodyTemplate,
                                  String authHeaderName, String authHeaderValue,
                                  String basicUsername, String basicPassword,
                                  String messageIdPointer, Duration timeout) implements HttpGatewaySettings {

    public static final String DEFAULT_CONTENT_TYPE = "application/json";
    public static final String DEFAULT_BODY_TEMPLATE =
            "{\"to\":\"${to}\",\"text\":\"${text}\",\"channel\":\"${channel}\",\"realm\":\"${realm}\",\"language\":\"${language}\"}";

    public HttpWebhookSettings {
        String id = HttpWebhookGateway.PROVIDER_ID;
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            throw GatewayOptions.invalid(id, "method", "POST or PUT");
        }
        contentType = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        bodyTemplate = bodyTemplate == null ? DEFAULT_BODY_TEMPLATE : bodyTemplate;
        timeout = timeout == null ? Duration.ofMillis(GatewayOptions.DEFAULT_TIMEOUT_MS) : timeout;
        if (authHeaderName != null) {
            try {
                // the JDK refuses restricted names such as Host or Content-Length; better at start than per login
                HttpRequest.newBuilder().header(authHeaderName, "x");
            } catch (IllegalArgumentException e) {
                throw GatewayOptions.invalid(id, "auth-header-name", "a header name the HTTP client may set");
            }
        } else if (authHeaderValue != null) {
            throw GatewayOptions.invalid(id, "auth-header-name", "set together with auth-header-value");
        }
        if (basicUsername == null && basicPassword != null) {
            throw GatewayOptions.invalid(id, "basic-username", "set together with basic-password");
        }
        if (messageIdPointer != null) {
            try {
                JsonPointer.compile(messageIdPointer);
            } catch (IllegalArgumentException e) {
                throw GatewayOptions.invalid(id, "message-id-pointer", "a JSON Pointer such as /id or /data/messageId");
            }
        }
    }

    public static HttpWebhookSettings from(Config.Scope config) {
        String id = HttpWebhookGateway.PROVIDER_ID;
        return new HttpWebhookSettings(
                GatewayOptions.httpUri(config, id, "url"),
                GatewayOptions.string(config, "method"),
                GatewayOptions.string(config, "content-type"),
                GatewayOptions.string(config, "body-template"),
                GatewayOptions.string(config, "auth-header-name"),
                GatewayOptions.string(config, "auth-header-value"),
                GatewayOptions.string(config, "basic-username"),
                GatewayOptions.string(config, "basic-password"),
                GatewayOptions.string(config, "message-id-pointer"),
                GatewayOptions.timeout(config, id));
    }

    public boolean configured() {
        return url != null;
    }

    /** The URL without user info or query, either of which may carry a credential. */
    public String displayUrl() {
        if (url == null) {
            return null;
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** The non-secret settings, for server info and logs. */
    public Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("url", String.valueOf(displayUrl()));
        info.put("method", method);
        info.put("content-type", contentType);
        info.put("auth", authHeaderName != null ? "header " + authHeaderName : basicUsername != null ? "basic" : "none");
        info.put("message-id-pointer", String.valueOf(messageIdPointer));
        info.put("timeout-ms", String.valueOf(timeout.toMillis()));
        return info;
    }

    @Override
    public String toString() {
        return "HttpWebhookSettings" + describe();
    }
}
