package org.mfasuite.keycloak.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.mfasuite.keycloak.challenge.CodeSettings;

/**
 * How one step sends codes: the code itself and the gateways, read from the SMS step's execution config
 * (sign-in) or the required action's config (registration). Limits are realm-wide: {@link PhonePolicy}.
 *
 * @param code     how codes are issued and checked
 * @param gateways gateway ids to try in order (empty: the server's default gateway)
 */
public record SmsSettings(CodeSettings code, List<String> gateways) {

    public static final String GATEWAY = "gateway";
    public static final String FALLBACK_GATEWAY = "fallback-gateway";
    /** List values meaning "no gateway named here". */
    public static final String SERVER_DEFAULT = "default";
    public static final String NO_FALLBACK = "none";
    private static final Set<String> UNSET = Set.of("", SERVER_DEFAULT, NO_FALLBACK);

    public static SmsSettings from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> gateways = new ArrayList<>();
        for (String key : List.of(GATEWAY, FALLBACK_GATEWAY)) {
            String id = c.get(key) == null ? "" : c.get(key).trim();
            if (!UNSET.contains(id) && !gateways.contains(id)) {
                gateways.add(id);
            }
        }
        return new SmsSettings(CodeSettings.from(c), List.copyOf(gateways));
    }

    /** Problems with a config map, for save-time checks: bad numbers and gateways that are not installed. */
    public static List<String> problems(Map<String, String> config, List<String> installedGateways) {
        List<String> problems = new ArrayList<>(CodeSettings.problems(config));
        for (String id : from(config).gateways()) {
            if (!installedGateways.contains(id)) {
                problems.add("Gateway '" + id + "' is not installed; installed: " + String.join(", ", installedGateways));
            }
        }
        return problems;
    }

    /**
     * @param appliesTo         said in each help text: which step these settings govern
     * @param installedGateways the gateway ids offered in the lists
     */
    public static List<ProviderConfigProperty> configProperties(String appliesTo, List<String> installedGateways) {
        List<String> primary = new ArrayList<>(List.of(SERVER_DEFAULT));
        primary.addAll(installedGateways);
        List<String> fallback = new ArrayList<>(List.of(NO_FALLBACK));
        fallback.addAll(installedGateways);
        List<ProviderConfigProperty> properties = new ArrayList<>(CodeSettings.configProperties(appliesTo));
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(GATEWAY).label("Gateway")
                .helpText("Message gateway that sends the codes. The value 'default', also the default, means "
                        + "the server's default gateway (see the server options). " + appliesTo)
                .type(ProviderConfigProperty.LIST_TYPE).options(primary).defaultValue(SERVER_DEFAULT).add()
                .property().name(FALLBACK_GATEWAY).label("Fallback gateway")
                .helpText("Gateway tried when the first one fails. Default: none. " + appliesTo)
                .type(ProviderConfigProperty.LIST_TYPE).options(fallback).defaultValue(NO_FALLBACK).add()
                .build());
        return properties;
    }
}
