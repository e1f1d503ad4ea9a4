package org.mfasuite.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.challenge.CodeSettings;

/**
 * Settings of the SMS step and of phone registration, read from the execution's or the required
 * action's config. Both take the same keys.
 *
 * @param code          how codes are issued and checked
 * @param gateways      gateway ids to try in order (empty: the server's default gateway)
 * @param defaultRegion ISO region for numbers typed without a country code, or blank
 */
public record SmsSettings(CodeSettings code, List<String> gateways, String defaultRegion) {

    public static final String GATEWAY = "gateway";
    public static final String FALLBACK_GATEWAY = "fallback-gateway";
    public static final String DEFAULT_REGION = "default-region";

    public static SmsSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> gateways = new ArrayList<>();
        for (String key : List.of(GATEWAY, FALLBACK_GATEWAY)) {
            String id = c.get(key);
            if (id != null && !id.isBlank() && !gateways.contains(id.trim())) {
                gateways.add(id.trim());
            }
        }
        return new SmsSettings(CodeSettings.from(c), List.copyOf(gateways), c.getOrDefault(DEFAULT_REGION, ""));
    }

    public static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(CodeSettings.configProperties());
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(GATEWAY).label("Gateway")
                .helpText("Message gateway id (dev, twilio, http or your own). Empty: the server's default gateway.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(FALLBACK_GATEWAY).label("Fallback gateway")
                .helpText("Gateway tried when the first one fails. Empty: none.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(DEFAULT_REGION).label("Default region")
                .helpText("Two-letter country (e.g. SE) for numbers typed without +country code. Empty: require +country code.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build());
        return properties;
    }
}
