package org.mfasuite.keycloak.gateway;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayFactoriesTest {

    private static TwilioGatewayFactory twilio(String... options) {
        TwilioGatewayFactory factory = new TwilioGatewayFactory();
        factory.init(MapScope.of(options));
        return factory;
    }

    private static HttpWebhookGatewayFactory http(String... options) {
        HttpWebhookGatewayFactory factory = new HttpWebhookGatewayFactory();
        factory.init(MapScope.of(options));
        return factory;
    }

    @Test
    void configuredRealGatewayOutranksDev() {
        assertEquals(0, new TwilioGatewayFactory().order());
        assertEquals(0, new HttpWebhookGatewayFactory().order());
        assertEquals(1, new DevOutboxGatewayFactory().order());
        assertEquals(0, twilio().order());
        assertEquals(0, http().order());

        TwilioGatewayFactory twilio = twilio("account-sid", "AC1", "auth-token", "t");
        HttpWebhookGatewayFactory http = http("url", "https://sms.example/send");
        try {
            assertEquals(10, twilio.order());
            assertEquals(10, http.order());
        } finally {
            twilio.close();
            http.close();
        }
    }

    @Test
    void preferredGatewayIsTheConfiguredOne() {
        TwilioGatewayFactory twilio = twilio("account-sid", "AC1", "auth-token", "t");
        HttpWebhookGatewayFactory http = http("url", "https://sms.example/send");
        try {
            DevOutboxGatewayFactory dev = new DevOutboxGatewayFactory();
            assertEquals("twilio", MessageGateways.preferredId(Stream.of(dev, twilio, http())).orElseThrow());
            assertEquals("dev", MessageGateways.preferredId(Stream.of(dev, twilio(), http())).orElseThrow());
            // a tie resolves the same way on every node
            assertEquals("http", MessageGateways.preferredId(Stream.of(twilio, dev, http)).orElseThrow());
            assertTrue(MessageGateways.preferredId(Stream.of(twilio(), http())).isEmpty());
        } finally {
            twilio.close();
            http.close();
        }
    }

    @Test
    void defaultIdIsDecidedAtRuntimeNotByKeycloaksBuildTimeChoice() {
        TwilioGatewayFactory twilio = twilio("account-sid", "AC1", "auth-token", "t");
        DevOutboxGatewayFactory dev = new DevOutboxGatewayFactory();
        try {
            // what the Quarkus build picked, when twilio's order() was still 0
            KeycloakSessionFactory sessionFactory = sessionFactory(dev, List.of(dev, twilio, http()));
            assertEquals("twilio", MessageGateways.defaultId(sessionFactory).orElseThrow());

            KeycloakSessionFactory nothingConfigured = sessionFactory(dev, List.of(dev, twilio(), http()));
            assertEquals("dev", MessageGateways.defaultId(nothingConfigured).orElseThrow());
            assertTrue(MessageGateways.defaultId(sessionFactory(null, List.of())).isEmpty());
        } finally {
            twilio.close();
        }
    }

    /** Just the two lookups MessageGateways makes; anything else fails the test. */
    private static KeycloakSessionFactory sessionFactory(ProviderFactory<?> keycloakDefault,
                                                         List<ProviderFactory<?>> installed) {
        return (KeycloakSessionFactory) Proxy.newProxyInstance(KeycloakSessionFactory.class.getClassLoader(),
                new Class<?>[]{KeycloakSessionFactory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProviderFactory" -> args.length == 1 ? keycloakDefault : null;
                    case "getProviderFactoriesStream" -> installed.stream();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void configMetadataListsEveryOption() {
        assertEquals(Set.of("outbox", "enabled-outside-dev-mode"), names(new DevOutboxGatewayFactory()));
        assertEquals(Set.of("account-sid", "auth-token", "api-key-sid", "api-key-secret", "from",
                "messaging-service-sid", "base-url", "timeout-ms"), names(new TwilioGatewayFactory()));
        assertEquals(Set.of("url", "method", "content-type", "body-template", "auth-header-name",
                "auth-header-value", "basic-username", "basic-password", "message-id-pointer", "timeout-ms"),
                names(new HttpWebhookGatewayFactory()));
        assertEquals(Set.of("auth-token", "api-key-secret"), secretNames(new TwilioGatewayFactory()));
        assertEquals(Set.of("auth-header-value", "basic-password"), secretNames(new HttpWebhookGatewayFactory()));
    }

    @Test
    void operationalInfoShowsNoSecrets() {
        TwilioGatewayFactory twilio = twilio("account-sid", "AC1", "auth-token", "s3cret-token",
                "api-key-sid", "SK1", "api-key-secret", "s3cret-key", "from", "+15005550006");
        HttpWebhookGatewayFactory http = http("url", "https://sms.example/send?key=s3cret-query",
                "auth-header-name", "Authorization", "auth-header-value", "Bearer s3cret-bearer");
        try {
            Map<String, String> twilioInfo = twilio.getOperationalInfo();
            Map<String, String> httpInfo = http.getOperationalInfo();

            assertEquals("true", twilioInfo.get("configured"));
            assertEquals("api key SK1", twilioInfo.get("credentials"));
            assertEquals("https://sms.example/send", httpInfo.get("url"));
            assertFalse(twilioInfo.toString().contains("s3cret"), twilioInfo.toString());
            assertFalse(httpInfo.toString().contains("s3cret"), httpInfo.toString());
            assertEquals("false", twilio().getOperationalInfo().get("configured"));
        } finally {
            twilio.close();
            http.close();
        }
    }

    @Test
    void devGatewayReportsItselfInactiveOutsideDevMode() {
        Map<String, String> info = devGatewayInfo("prod", "outbox", "/tmp/mfa-test-outbox.jsonl");

        assertEquals("/tmp/mfa-test-outbox.jsonl", info.get("outbox"));
        assertEquals("false", info.get("dev-mode"));
        assertEquals("false", info.get("active"));
    }

    @Test
    void devGatewayIsActiveInDevModeOrWhenEnabledOutsideIt() {
        assertEquals("true", devGatewayInfo("dev").get("active"));
        assertEquals("true", devGatewayInfo("dev").get("dev-mode"));

        Map<String, String> enabled = devGatewayInfo("prod", "enabled-outside-dev-mode", "true");
        assertEquals("false", enabled.get("dev-mode"));
        assertEquals("true", enabled.get("enabled-outside-dev-mode"));
        assertEquals("true", enabled.get("active"));
    }

    /** The dev gateway's server info when Keycloak runs with profile {@code kc.profile} (dev: kc.sh start-dev). */
    private static Map<String, String> devGatewayInfo(String profile, String... options) {
        String previous = System.getProperty("kc.profile");
        System.setProperty("kc.profile", profile);
        try {
            DevOutboxGatewayFactory dev = new DevOutboxGatewayFactory();
            dev.init(MapScope.of(options));
            return dev.getOperationalInfo();
        } finally {
            if (previous == null) {
                System.clearProperty("kc.profile");
            } else {
                System.setProperty("kc.profile", previous);
            }
        }
    }

    @Test
    void providersAreRegisteredForServiceLoading() throws Exception {
        Set<String> ids = ServiceLoader.load(MessageGatewayFactory.class).stream()
                .map(provider -> provider.get().getId()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("dev", "twilio", "http")), ids.toString());

        boolean spiListed = false;
        for (URL file : Collections.list(getClass().getClassLoader().getResources("META-INF/services/org.keycloak.provider.Spi"))) {
            try (InputStream in = file.openStream()) {
                spiListed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(line -> line.trim().equals(MessageGatewaySpi.class.getName()));
            }
        }
        assertTrue(spiListed);
    }

    private static Set<String> names(ProviderFactory<?> factory) {
        return factory.getConfigMetadata().stream().map(ProviderConfigProperty::getName).collect(Collectors.toSet());
    }

    private static Set<String> secretNames(ProviderFactory<?> factory) {
        List<ProviderConfigProperty> metadata = factory.getConfigMetadata();
        return metadata.stream().filter(ProviderConfigProperty::isSecret).map(ProviderConfigProperty::getName)
                .collect(Collectors.toSet());
    }
}
