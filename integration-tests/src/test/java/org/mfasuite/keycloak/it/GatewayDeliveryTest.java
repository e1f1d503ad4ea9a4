package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Codes delivered through Twilio and a webhook on the wire, and what users see when a gateway is down. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class GatewayDeliveryTest extends DemoRealmTest {

    /** The code leads the text: "123456 is your … code". */
    private static final Pattern CODE_IN_TEXT = Pattern.compile("^(\\d{6,8}) ");

    @Test
    public void twilioReceivesItsDocumentedMessagesRequest() throws Exception {
        SmsStepConfig.set(realm, Map.of("gateway", "twilio"));
        // With a configured host (here the realm's frontend URL) the text ends with the origin-bound line.
        String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        realm.updateWithCleanup(r -> r.attribute("frontendUrl", server));
        realm.cleanup().add(r -> {
            var rep = r.toRepresentation();
            rep.getAttributes().put("frontendUrl", "");
            r.update(rep);
        });
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("twilio");
        String userId = DemoUsers.withPhones(realm, user, false, phone);

        try (LocalPeer twilio = LocalPeer.answering(201, "{\"sid\":\"SM1234567890abcdef1234567890abcdef\",\"status\":\"queued\"}")) {
            signInWithPassword(user);
            LocalPeer.Request request = twilio.only();
            assertEquals("POST", request.method());
            assertEquals("/twilio/2010-04-01/Accounts/" + MfaServerConfig.TWILIO_SID + "/Messages.json", request.path());
            String basic = Base64.getEncoder().encodeToString(
                    (MfaServerConfig.TWILIO_SID + ":" + MfaServerConfig.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + basic, request.header("Authorization"));
            assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> form = decodeForm(request.body());
            assertEquals(phone, form.get("To"));
            assertEquals("+15005550006", form.get("From"));
            String code = codeIn(form.get("Body"));
            assertTrue(form.get("Body").endsWith("\n\n@" + java.net.URI.create(server).getHost() + " #" + code), form.get("Body"));
            smsPage.enterCode(code);
        }
        assertNotNull(oauth.parseLoginResponse().getCode());
        EventRepresentation send = lastSend(userId);
        assertEquals("twilio", send.getDetails().get("mfa_gateway"));
        assertEquals("SM1234567890abcdef1234567890abcdef", send.getDetails().get("mfa_gateway_message_id"));
    }

    @Test
    public void httpWebhookReceivesJsonWithTheConfiguredHeader() throws Exception {
        SmsStepConfig.set(realm, Map.of("gateway", "http"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("webhook");
        String userId = DemoUsers.withPhones(realm, user, false, phone);

        try (LocalPeer webhook = LocalPeer.answering(200, "{\"id\":\"msg-42\"}")) {
            signInWithPassword(user);
            LocalPeer.Request request = webhook.only();
            assertEquals("/sms", request.path());
            assertEquals("webhook-key", request.header("X-Api-Key"));
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertEquals(phone, body.path("to").asText());
            assertEquals("sms", body.path("channel").asText());
            assertEquals("demo", body.path("realm").asText());
            smsPage.enterCode(codeIn(body.path("text").asText()));
        }
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("msg-42", lastSend(userId).getDetails().get("mfa_gateway_message_id"));
    }

    @Test
    public void gatewayOutageTellsTheUserAndOffersAnotherWay() {
        // No LocalPeer is open, so nothing listens on the peer port: the webhook is refused.
        SmsStepConfig.set(realm, Map.of("gateway", "http"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("outage");
        String userId = DemoUsers.withPhones(realm, user, true, phone);

        signInWithPassword(user);
        smsPage.resend(); // the user also has an authenticator app: the SMS goes out when asked for

        assertTrue(smsPage.alert().contains("could not send"), smsPage.alert());
        assertTrue(driver.driver().getPageSource().contains("helpdesk@example.org"), "says whom to contact");
        assertFalse(smsPage.hasCodeField(), "no code field when no code was sent");
        assertTrue(smsPage.hasTryAnotherWay());
        EventRepresentation failed = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION_ERROR"), null, userId,
                null, null, null, 0, 1).get(0);
        assertEquals("mfa_gateway_failed", failed.getError());
        assertEquals("refused", failed.getDetails().get("reason"));
    }

    @Test
    public void twilioServerErrorFallsBackToTheSecondGateway() throws Exception {
        SmsStepConfig.set(realm, Map.of("gateway", "twilio", "fallback-gateway", "dev"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("fallback");
        String userId = DemoUsers.withPhones(realm, user, false, phone);

        try (LocalPeer twilio = LocalPeer.answering(503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}")) {
            signInWithPassword(user);
            assertEquals(1, twilio.requests().size(), "Twilio was tried first");
        }
        assertEquals(1, Outbox.countTo(phone), "the dev gateway delivered instead");
        smsPage.enterCode(Outbox.lastCodeTo(phone));
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals("dev", lastSend(userId).getDetails().get("mfa_gateway"));
    }

    private void signInWithPassword(String username) {
        submitPassword(username, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
    }

    private EventRepresentation lastSend(String userId) {
        return realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, userId, null, null, null, 0, 1).get(0);
    }

    private static String codeIn(String text) {
        Matcher m = CODE_IN_TEXT.matcher(text);
        assertTrue(m.find(), "the text starts with the code: " + text);
        return m.group(1);
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
