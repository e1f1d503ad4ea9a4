package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushDeliverySettingsTest {

    @Test
    void defaults() {
        PushDeliverySettings settings = PushDeliverySettings.defaults();

        assertEquals("mailto:admin@localhost", settings.vapidSubject());
        assertEquals(PushHosts.WELL_KNOWN, settings.webPushHosts().entries());
        assertNull(settings.fcmServiceAccount());
        assertEquals(URI.create("https://fcm.googleapis.com"), settings.fcmEndpoint());
        assertEquals(3000, settings.timeoutMs());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void valuesAreRead() {
        String account = FcmKeys.serviceAccountJson(FcmKeys.KEYS.getPrivate(), "https://oauth2.googleapis.com/token");
        PushDeliverySettings settings = PushDeliverySettings.from(Map.of(
                "vapid-subject", " https://ops.example.com/contact ",
                "web-push-hosts", "push.example.com## *.push.example.net ##127.0.0.1",
                "fcm-service-account", account,
                "fcm-endpoint", "http://127.0.0.1:9999/fcm/",
                "push-timeout-ms", "1500"));

        assertEquals("https://ops.example.com/contact", settings.vapidSubject());
        assertEquals(List.of("push.example.com", "*.push.example.net", "127.0.0.1"), settings.webPushHosts().entries());
        assertEquals(account, settings.fcmServiceAccount());
        assertEquals(URI.create("http://127.0.0.1:9999/fcm"), settings.fcmEndpoint());
        assertEquals(1500, settings.timeoutMs());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void aVaultReferenceIsKeptForSendTime() {
        PushDeliverySettings settings = PushDeliverySettings.from(Map.of("fcm-service-account", "${vault.fcm_sa}"));

        assertEquals("${vault.fcm_sa}", settings.fcmServiceAccount());
        assertEquals(List.of(), settings.problems());
    }

    @Test
    void badValuesFallBackAndAreNamed() {
        PushDeliverySettings settings = PushDeliverySettings.from(Map.of(
                "vapid-subject", "admin@example.com",
                "web-push-hosts", "https://push.example.com/##ok.example.com##a:443",
                "fcm-service-account", "{\"project_id\":\"p\"}",
                "fcm-endpoint", "fcm.googleapis.com",
                "push-timeout-ms", "60000"));

        assertEquals("mailto:admin@localhost", settings.vapidSubject());
        assertEquals(List.of("ok.example.com"), settings.webPushHosts().entries());
        assertEquals(URI.create("https://fcm.googleapis.com"), settings.fcmEndpoint());
        assertEquals(10000, settings.timeoutMs());
        assertEquals(List.of(
                "VAPID subject (vapid-subject) must be a mailto: address or an https: URL",
                "Web Push hosts (web-push-hosts): 'https://push.example.com/' is not a host name (no scheme, port or path; '*.' only in front)",
                "Web Push hosts (web-push-hosts): 'a:443' is not a host name (no scheme, port or path; '*.' only in front)",
                "FCM service account (fcm-service-account): client_email is missing",
                "FCM endpoint (fcm-endpoint) must be an http(s) URL",
                "Push timeout (ms) (push-timeout-ms) must be a whole number from 500 to 10000"), settings.problems());
    }

    @Test
    void subjectsAppleRefusesAreNamed() {
        String expected = "VAPID subject (vapid-subject) must be reachable from the internet: Apple's push service "
                + "refuses localhost, .local and .invalid addresses";
        for (String subject : List.of("mailto:admin@localhost", "mailto:ops@relay.local", "mailto:security@x.invalid",
                "https://localhost:8443/contact", "https://kc.localhost")) {
            PushDeliverySettings settings = PushDeliverySettings.from(Map.of("vapid-subject", subject));
            assertEquals(List.of(expected), settings.problems(), subject);
            assertEquals(subject, settings.vapidSubject(), "still used: other push services accept it");
        }
        for (String subject : List.of("mailto:ops@example.com", "https://localhosting.example/contact",
                "mailto:local@example.org", "https://sso.example.com/realms/local")) {
            assertEquals(List.of(), PushDeliverySettings.from(Map.of("vapid-subject", subject)).problems(), subject);
        }
    }

    @Test
    void timeoutBounds() {
        assertEquals(500, PushDeliverySettings.from(Map.of("push-timeout-ms", "1")).timeoutMs());
        assertEquals(500, PushDeliverySettings.from(Map.of("push-timeout-ms", "500")).timeoutMs());
        assertEquals(10000, PushDeliverySettings.from(Map.of("push-timeout-ms", "10000")).timeoutMs());
        assertEquals(3000, PushDeliverySettings.from(Map.of("push-timeout-ms", "soon")).timeoutMs());
        assertTrue(PushDeliverySettings.from(Map.of("push-timeout-ms", "10000")).problems().isEmpty());
        assertFalse(PushDeliverySettings.from(Map.of("push-timeout-ms", "499")).problems().isEmpty());
    }

    @Test
    void theAdminConsoleFieldsAreTheDocumentedKeys() {
        List<ProviderConfigProperty> properties = PushDeliverySettings.configProperties();

        assertEquals(List.of("vapid-subject", "web-push-hosts", "fcm-service-account", "fcm-endpoint", "push-timeout-ms"),
                properties.stream().map(ProviderConfigProperty::getName).toList());
        ProviderConfigProperty account = properties.get(2);
        assertTrue(account.isSecret(), "the service account is masked");
        assertEquals(ProviderConfigProperty.MULTIVALUED_STRING_TYPE, properties.get(1).getType());
    }
}
