package org.mfasuite.keycloak.gateway;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.keycloak.common.util.HtmlUtils;

/**
 * Sends SMS through Twilio's Messages API and voice messages through its Calls API (2010-04-01 REST API, form
 * encoded, HTTP Basic with the Account SID and auth token, or an API key and its secret).
 */
public class TwilioGateway implements MessageGateway {

    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d{6,}");
    /** Twilio's error codes are five digits; anything else is not trusted into an event reason. */
    private static final Pattern ERROR_CODE = Pattern.compile("\\d{1,6}");

    public static final String PROVIDER_ID = "twilio";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final TwilioSettings settings;
    private final HttpClient http;
    private final UnaryOperator<String> secrets;

    public TwilioGateway(TwilioSettings settings, HttpClient http, UnaryOperator<String> secrets) {
        this.settings = settings;
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public GatewayReceipt send(OutgoingMessage message) throws GatewayException {
        if (!settings.configured()) {
            throw notConfigured("option account-sid is not set");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        String resource;
        if (message.channel() == Channel.VOICE) {
            String from = message.from() != null ? message.from() : settings.from();
            if (from == null) {
                throw notConfigured("voice calls need option from (a Twilio number): a messaging service cannot call");
            }
            form.put("From", from);
            form.put("Twiml", twiml(message));
            resource = "Calls.json";
        } else {
            form.put("Body", message.text());
            if (settings.messagingServiceSid() != null) {
                form.put("MessagingServiceSid", settings.messagingServiceSid());
            } else if (settings.from() != null) {
                form.put("From", settings.from());
            } else {
                throw notConfigured("set option messaging-service-sid or from");
            }
            resource = "Messages.json";
        }

        HttpRequest request = HttpRequest.newBuilder(resourceUri(resource))
                .timeout(settings.timeout())
                .header("Authorization", authorization())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form), StandardCharsets.UTF_8))
                .build();
        GatewayHttp.Answer response = GatewayHttp.send(http, request, PROVIDER_ID);
        if (!GatewayHttp.isSuccess(response.status())) {
            throw rejected(response);
        }
        return new GatewayReceipt(PROVIDER_ID, readJson(response.body()).path("sid").textValue());
    }

    private URI resourceUri(String resource) {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/2010-04-01/Accounts/" + settings.accountSid() + "/" + resource);
    }

    private String authorization() throws GatewayException {
        if (settings.usesApiKey()) {
            String secret = GatewaySecrets.require(secrets, settings.apiKeySecret(), PROVIDER_ID, "api-key-secret");
            return GatewayHttp.basicAuth(settings.apiKeySid(), secret);
        }
        String token = GatewaySecrets.require(secrets, settings.authToken(), PROVIDER_ID, "auth-token");
        return GatewayHttp.basicAuth(settings.accountSid(), token);
    }

    /**
     * Twilio errors are {"code":21211,"message":"...","more_info":"...","status":400}; anything else, or a code
     * that is not 1-6 digits, is plain HTTP. A 4xx delivered nothing; after a 5xx the message may be out.
     */
    private static GatewayException rejected(GatewayHttp.Answer response) {
        JsonNode error = readJson(response.body());
        JsonNode code = error.path("code");
        if (!(code.isIntegralNumber() || code.isTextual()) || !ERROR_CODE.matcher(code.asText()).matches()) {
            return GatewayHttp.statusError(PROVIDER_ID, response);
        }
        StringBuilder text = new StringBuilder("twilio: rejected with HTTP ").append(response.status())
                .append(", error ").append(code.asText());
        String detail = error.path("message").textValue();
        if (detail != null) {
            // Twilio's texts quote the phone number ("The 'To' number +1500... is not valid"): mask it for the log
            String shown = detail.length() > MAX_ERROR_TEXT ? detail.substring(0, MAX_ERROR_TEXT) : detail;
            text.append(": ").append(PHONE_LIKE.matcher(shown).replaceAll(m -> PhoneMask.mask(m.group())));
        }
        String moreInfo = error.path("more_info").textValue();
        if (moreInfo != null) {
            text.append(" (").append(moreInfo).append(')');
        }
        return new GatewayException("twilio_" + code.asText(), text.toString(), null,
                !GatewayHttp.isRejection(response.status()));
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The call's script: one {@code <Say>} in the message's language (Twilio's voices read BCP 47 tags). */
    static String twiml(OutgoingMessage message) {
        String language = message.language() == null ? ""
                : " language=\"" + HtmlUtils.escapeAttribute(message.language()) + "\"";
        return "<Response><Say" + language + ">" + HtmlUtils.escapeAttribute(message.text()) + "</Say></Response>";
    }

    private static GatewayException notConfigured(String what) {
        return GatewayException.notDelivered("not_configured", "twilio: " + what);
    }
}
