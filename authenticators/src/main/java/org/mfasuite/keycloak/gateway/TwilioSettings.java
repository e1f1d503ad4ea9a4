package org.mfasuite.keycloak.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.keycloak.Config;

/**
 * Options of the {@code twilio} gateway. {@code authToken} and {@code apiKeySecret} hold the configured values,
 * which may be vault references; they are resolved per send and left out of {@link #toString()}.
 *
 * @param apiKeySid           when set, authenticate as this API key (with {@code apiKeySecret}) instead of the account
 * @param from                sender number; required for voice calls
 * @param messagingServiceSid preferred over {@code from} for SMS
 * @param baseUrl             Twilio's API root; tests point it at a local server
 */
public record TwilioSettings(String accountSid, String authToken, String apiKeySid, String apiKeySecret,
                             String from, String messagingServiceSid, URI baseUrl, Duration timeout) implements HttpGatewaySettings {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.twilio.com");

    // the SID becomes a path segment, so nothing but letters and digits
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");

    public TwilioSettings {
        if (accountSid != null && !SID.matcher(accountSid).matches()) {
            throw GatewayOptions.invalid(TwilioGateway.PROVIDER_ID, "account-sid", "a Twilio Account SID (AC...)");
        }
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        timeout = timeout == null ? Duration.ofMillis(GatewayOptions.DEFAULT_TIMEOUT_MS) : timeout;
    }

    public static TwilioSettings from(Config.Scope config) {
        String id = TwilioGateway.PROVIDER_ID;
        return new TwilioSettings(
                GatewayOptions.string(config, "account-sid"),
                GatewayOptions.string(config, "auth-token"),
                GatewayOptions.string(config, "api-key-sid"),
                GatewayOptions.string(config, "api-key-secret"),
                GatewayOptions.string(config, "from"),
                GatewayOptions.string(config, "messaging-service-sid"),
                GatewayOptions.httpUri(config, id, "base-url"),
                GatewayOptions.timeout(config, id));
    }

    public boolean configured() {
        return accountSid != null;
    }

    public boolean usesApiKey() {
        return apiKeySid != null;
    }

    /** The non-secret settings, for server info and logs. */
    public Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("account-sid", String.valueOf(accountSid));
        info.put("credentials", usesApiKey() ? "api key " + apiKeySid : "auth token");
        info.put("sms-sender", messagingServiceSid != null ? "messaging service " + messagingServiceSid : String.valueOf(from));
        info.put("voice-from", String.valueOf(from));
        info.put("base-url", baseUrl.toString());
        info.put("timeout-ms", String.valueOf(timeout.toMillis()));
        return info;
    }

    @Override
    public String toString() {
        return "TwilioSettings" + describe();
    }
}
