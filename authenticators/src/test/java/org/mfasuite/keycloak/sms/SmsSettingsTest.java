package org.mfasuite.keycloak.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SmsSettingsTest {

    @Test
    void listPlaceholdersNameNoGateway() {
        assertEquals(List.of(), SmsSettings.from(Map.of("gateway", "default", "fallback-gateway", "none")).gateways());
        assertEquals(List.of("twilio", "http"), SmsSettings.from(Map.of("gateway", "twilio", "fallback-gateway", "http")).gateways());
    }

    @Test
    void gatewaysAreOfferedAsListsOfTheInstalledOnes() {
        var properties = SmsSettings.configProperties("Sign-in.", List.of("dev", "http", "twilio"));
        var gateway = properties.stream().filter(p -> p.getName().equals("gateway")).findFirst().orElseThrow();
        assertEquals(List.of("default", "dev", "http", "twilio"), gateway.getOptions());
        assertEquals("List", gateway.getType());
    }

    @Test
    void aGatewayThatIsNotInstalledIsAProblem() {
        assertEquals(List.of("Gateway 'twilo' is not installed; installed: dev, http, twilio"),
                SmsSettings.problems(Map.of("gateway", "twilo"), List.of("dev", "http", "twilio")));
    }
}
