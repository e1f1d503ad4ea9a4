package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectPage;

/** A user has the code read to them in a phone call: through the dev outbox, Twilio's Calls API and a webhook. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class VoiceSignInTest extends DemoRealmTest {

    private static final String REALM_NAME = "MFA Suite demo";
    /** The digits as a voice reads them: "1, 2, 3, 4, 5, 6". */
    private static final Pattern SPOKEN = Pattern.compile("(\\d(?:, \\d){5,7})");

    @InjectPage
    VoiceCallPage voicePage;

    @Test
    public void aUserWithOnlyAPhoneCanHaveTheCodeCalledInstead() {
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("call-instead");
        String userId = DemoUsers.withPhones(realm, user, false, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertEquals(1, Outbox.countTo(phone), "a phone-only user gets the text at once, as before");
        assertTrue(smsPage.offersSwitch(), "the SMS page offers a call to the same phone");
        assertTrue(smsPage.noOtherWay().contains("no other sign-in method"), "a call is the same phone, not another method");

        smsPage.callInstead();
        voicePage.assertCurrent();
        assertEquals("Verify with a phone call", voicePage.title());
        assertTrue(voicePage.sentTo().contains("calling +46 70"), voicePage.sentTo());
        assertTrue(voicePage.offersSwitch(), "and back: Text me instead");
        JsonNode call = Outbox.lastMessageTo(phone);
        assertEquals("voice", call.path("channel").asText());
        assertEquals("en-US", call.path("language").asText());
        String code = call.path("code").asText();
        String digits = spoken(code);
        assertEquals("Your " + REALM_NAME + " code is " + digits + ". Again: " + digits + ".",
                Outbox.withoutReportLink(call.path("text").asText()));
        assertTrue(call.path("text").asText().endsWith(" If you are not signing in, report it at "
                + Outbox.reportLinkIn(call.path("text").asText()) + "."), "the call ends with the report link");

        voicePage.enterCode(SmsSignInTest.wrong(code));
        assertTrue(voicePage.codeError().contains("2 more tries"), "the same tries as SMS: " + voicePage.codeError());
        voicePage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());

        EventRepresentation send = lastEvent(userId, "CUSTOM_REQUIRED_ACTION");
        assertEquals("mfa-voice", send.getDetails().get("custom_required_action"));
        assertEquals("voice", send.getDetails().get("mfa_method"));
        assertEquals("send", send.getDetails().get("mfa_step"));
        assertEquals("sent", send.getDetails().get("mfa_result"));
        assertEquals("dev", send.getDetails().get("mfa_gateway"));
        assertTrue(send.getDetails().get("mfa_phone").contains("•"), "masked: " + send.getDetails().get("mfa_phone"));
        EventRepresentation wrong = lastEvent(userId, "LOGIN_ERROR");
        assertEquals("voice", wrong.getDetails().get("mfa_method"));
        assertEquals("wrong", wrong.getDetails().get("mfa_result"));
        EventRepresentation login = lastEvent(userId, "LOGIN");
        assertEquals("voice", login.getDetails().get("mfa_method"));
        assertEquals("check", login.getDetails().get("mfa_step"));
        assertEquals("valid", login.getDetails().get("mfa_result"));
        assertEquals("mfa-phone", login.getDetails().get("credential_type"));
    }

    @Test
    public void twilioIsAskedToCallWithItsDocumentedCallsRequest() throws Exception {
        SmsStepConfig.set(realm, "mfa-voice", Map.of("gateway", "twilio", "from", "+46855512345", "repeat-count", "3"));
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("twilio-call");
        String userId = DemoUsers.withPhones(realm, user, true, phone);
        submitPassword(user, DemoUsers.PASSWORD);
        smsPage.assertCurrent();
        assertEquals(0, Outbox.countTo(phone), "a user with an authenticator app pays no SMS before choosing");

        String code;
        try (LocalPeer twilio = LocalPeer.answering(201, "{\"sid\":\"CA1234567890abcdef1234567890abcdef\",\"status\":\"queued\"}")) {
            smsPage.callInstead();
            voicePage.assertCurrent();
            LocalPeer.Request request = twilio.only();
            assertEquals("POST", request.method());
            assertEquals("/twilio/2010-04-01/Accounts/" + MfaServerConfig.TWILIO_SID + "/Calls.json", request.path());
            String basic = Base64.getEncoder().encodeToString(
                    (MfaServerConfig.TWILIO_SID + ":" + MfaServerConfig.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + basic, request.header("Authorization"));
            assertTrue(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> form = decodeForm(request.body());
            assertEquals(3, form.size(), form.keySet().toString());
            assertEquals(phone, form.get("To"));
            assertEquals("+46855512345", form.get("From"), "the step's caller id, not the gateway's number");
            Matcher spoken = SPOKEN.matcher(form.get("Twiml"));
            assertTrue(spoken.find(), form.get("Twiml"));
            code = spoken.group(1).replace(", ", "");
            String digits = spoken.group(1);
            assertEquals("<Response><Say language=\"en-US\">Your " + REALM_NAME + " code is " + digits + ". Again: "
                    + digits + ". Again: " + digits + ".</Say></Response>", Outbox.withoutReportLink(form.get("Twiml")));
        }
        voicePage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(0, Outbox.countTo(phone), "nothing went through the dev gateway");
        EventRepresentation send = lastEvent(userId, "CUSTOM_REQUIRED_ACTION");
        assertEquals("voice", send.getDetails().get("mfa_method"));
        assertEquals("twilio", send.getDetails().get("mfa_gateway"));
        assertEquals("CA1234567890abcdef1234567890abcdef", send.getDetails().get("mfa_gateway_message_id"));
    }

    @Test
    public void aLandlineIsCalledStraightAwayAndNeverTexted() throws Exception {
        SmsStepConfig.set(realm, "mfa-voice", Map.of("gateway", "http"));
        String landline = DemoUsers.uniqueLandline();
        String user = DemoUsers.uniqueName("landline");
        String userId = DemoUsers.withLandline(realm, user, landline);

        String code;
        try (LocalPeer webhook = LocalPeer.answering(200, "{\"id\":\"call-42\"}")) {
            submitPassword(user, DemoUsers.PASSWORD);
            voicePage.assertCurrent();
            LocalPeer.Request request = webhook.only();
            assertEquals("/sms", request.path());
            assertEquals("webhook-key", request.header("X-Api-Key"));
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertEquals(landline, body.path("to").asText());
            assertEquals("voice", body.path("channel").asText());
            assertEquals("en-US", body.path("language").asText());
            assertEquals("demo", body.path("realm").asText());
            Matcher spoken = SPOKEN.matcher(body.path("text").asText());
            assertTrue(spoken.find(), body.path("text").asText());
            code = spoken.group(1).replace(", ", "");
        }
        assertFalse(voicePage.offersSwitch(), "a landline cannot take a text: no Text me instead");
        voicePage.enterCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(0, Outbox.countTo(landline), "no text was tried");
        assertTrue(realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION", "CUSTOM_REQUIRED_ACTION_ERROR"), null, userId,
                null, null, null, 0, 20).stream().noneMatch(e -> "sms".equals(e.getDetails().get("mfa_method"))),
                "the SMS step skipped the landline");
        assertEquals("call-42", lastEvent(userId, "CUSTOM_REQUIRED_ACTION").getDetails().get("mfa_gateway_message_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "sv", "nl", "de"})
    public void theCallSpeaksTheUsersLanguage(String locale) throws IOException {
        Properties messages = bundle(locale);
        String phone = DemoUsers.uniquePhone();
        String user = DemoUsers.uniqueName("call-" + locale);
        DemoUsers.withPhones(realm, user, true, phone);
        oauth.loginForm().uiLocales(locale).open();
        loginPage.fillLogin(user, DemoUsers.PASSWORD);
        loginPage.submit();
        smsPage.assertCurrent();
        smsPage.callInstead();
        voicePage.assertCurrent();

        assertEquals(messages.getProperty("mfa-voice-title"), voicePage.title());
        JsonNode call = Outbox.lastMessageTo(phone);
        String digits = spoken(call.path("code").asText());
        String expected = format(messages, "mfa-voice-text", locale, digits, REALM_NAME) + " "
                + format(messages, "mfa-voice-text-again", locale, digits);
        assertEquals(expected, Outbox.withoutReportLink(call.path("text").asText()), "the call itself is translated");
        String link = Outbox.reportLinkIn(call.path("text").asText());
        assertTrue(call.path("text").asText().endsWith(" " + format(messages, "mfa-voice-report-text", locale, link)),
                "the report sentence is translated too");
        assertEquals(Map.of("en", "en-US", "sv", "sv-SE", "nl", "nl-NL", "de", "de-DE").get(locale),
                call.path("language").asText());
        if (locale.equals("sv")) {
            assertEquals("Din kod för " + REALM_NAME + " är " + digits + ". Igen: " + digits + ".",
                    Outbox.withoutReportLink(call.path("text").asText()));
        }
        voicePage.enterCode(call.path("code").asText());
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    /** "123456" as the call reads it. */
    private static String spoken(String code) {
        return String.join(", ", code.split(""));
    }

    private EventRepresentation lastEvent(String userId, String type) {
        List<EventRepresentation> events = realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "no " + type + " event for the user");
        return events.get(0);
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

    private static String format(Properties messages, String key, String locale, Object... args) {
        return new MessageFormat(messages.getProperty(key), Locale.forLanguageTag(locale)).format(args);
    }

    private static Properties bundle(String locale) throws IOException {
        Properties p = new Properties();
        String path = "/theme-resources/messages/messages_" + locale + ".properties";
        try (Reader r = new InputStreamReader(VoiceSignInTest.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
