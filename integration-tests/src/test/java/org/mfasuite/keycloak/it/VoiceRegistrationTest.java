package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectPage;

/** Registering a phone, the user picks "Call me" for the proof-of-possession code; landlines where the realm allows. */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class VoiceRegistrationTest extends DemoRealmTest {

    @InjectPage
    PhoneRegisterPage registerPage;

    @Test
    public void theUserCanHaveTheRegistrationCodeCalled() {
        String user = DemoUsers.uniqueName("reg-call");
        String userId = DemoUsers.create(realm, user, List.of("mfa-phone-register"), false);
        String phone = DemoUsers.uniquePhone();
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertTrue(registerPage.offersCall(), "the demo realm has a call step: Call me is offered");
        assertTrue(registerPage.intro().contains("text or call"), registerPage.intro());

        registerPage.callNumber(phone);
        registerPage.assertVerifyPage();
        assertTrue(registerPage.verifyIntro().contains("read to you on the call"), registerPage.verifyIntro());
        JsonNode call = Outbox.lastMessageTo(phone);
        assertEquals("voice", call.path("channel").asText());
        String code = call.path("code").asText();
        String digits = String.join(", ", code.split(""));
        assertEquals("Your code to add this phone to your MFA Suite demo account is " + digits + ". Again: " + digits + ".",
                call.path("text").asText());
        assertEquals("Call again with a new code", registerPage.resendLabel().replaceAll("\\s*\\(.*\\)$", "").trim());

        registerPage.enterCode(code);
        String added = registerPage.confirmAdded();
        assertTrue(added.contains("text message"), "a mobile proved by a call still gets texts: " + added);
        assertNotNull(oauth.parseLoginResponse().getCode());
        List<CredentialRepresentation> phones = phoneCredentials(userId);
        assertEquals(1, phones.size());
        assertEquals("{\"phoneNumber\":\"" + phone + "\"}", phones.get(0).getCredentialData(), "a mobile, as before");

        // the send (Keycloak also records the finished required action as a CUSTOM_REQUIRED_ACTION of its own)
        EventRepresentation send = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, userId, null, null,
                null, 0, 10).stream().filter(e -> "send".equals(e.getDetails().get("mfa_step"))).findFirst().orElseThrow();
        assertEquals("mfa-phone-register", send.getDetails().get("custom_required_action"));
        assertEquals("voice", send.getDetails().get("mfa_method"));
        // the check of the code (Keycloak records the finished required action as an UPDATE_CREDENTIAL of its own)
        EventRepresentation check = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId, null, null,
                null, 0, 10).stream().filter(e -> "check".equals(e.getDetails().get("mfa_step"))).findFirst().orElseThrow();
        assertEquals("voice", check.getDetails().get("mfa_method"));
        assertEquals("valid", check.getDetails().get("mfa_result"));
    }

    @Test
    public void aLandlineTakesTheRealmsLeaveAndACall() {
        String user = DemoUsers.uniqueName("reg-landline");
        String userId = DemoUsers.create(realm, user, List.of("mfa-phone-register"), false);
        String landline = DemoUsers.uniqueLandline();
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        registerPage.callNumber(landline);
        assertTrue(registerPage.numberError().contains("cannot receive text messages"),
                "landlines are off by default: " + registerPage.numberError());

        SmsStepConfig.setRealmRules(realm, Map.of("allow-landlines", "true"));
        registerPage.refresh();
        registerPage.assertCurrent();
        assertTrue(registerPage.intro().contains("landline"), registerPage.intro());
        registerPage.enterNumber(landline);
        assertTrue(registerPage.numberError().contains("landline") && registerPage.numberError().contains("Call me"),
                "Text me to a landline: " + registerPage.numberError());
        assertEquals(0, Outbox.countTo(landline), "no text was tried");

        registerPage.callNumber(landline);
        registerPage.assertVerifyPage();
        JsonNode call = Outbox.lastMessageTo(landline);
        assertEquals("voice", call.path("channel").asText());
        registerPage.enterCode(call.path("code").asText());
        String added = registerPage.confirmAdded();
        assertTrue(added.contains("phone call"), added);
        assertNotNull(oauth.parseLoginResponse().getCode());
        List<CredentialRepresentation> phones = phoneCredentials(userId);
        assertEquals(1, phones.size());
        assertTrue(phones.get(0).getCredentialData().contains("\"landline\":true"), phones.get(0).getCredentialData());
    }

    @Test
    public void withoutACallStepThereIsNoCallMe() {
        String executionId = realm.admin().flows().getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                .filter(e -> "mfa-voice".equals(e.getProviderId())).findFirst().orElseThrow().getId();
        var execution = realm.admin().flows().getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                .filter(e -> executionId.equals(e.getId())).findFirst().orElseThrow();
        execution.setRequirement("DISABLED");
        realm.admin().flows().updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, execution);
        realm.cleanup().add(r -> {
            var restore = r.flows().getExecutions(SmsStepConfig.SECOND_FACTOR_FLOW).stream()
                    .filter(e -> executionId.equals(e.getId())).findFirst().orElseThrow();
            restore.setRequirement("ALTERNATIVE");
            r.flows().updateExecutions(SmsStepConfig.SECOND_FACTOR_FLOW, restore);
        });
        String user = DemoUsers.uniqueName("reg-nocall");
        DemoUsers.create(realm, user, List.of("mfa-phone-register"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        registerPage.assertCurrent();
        assertFalse(registerPage.offersCall());
        assertEquals("Enter a mobile number. We will send it a code to check that it is yours.", registerPage.intro());
    }

    private List<CredentialRepresentation> phoneCredentials(String userId) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "mfa-phone".equals(c.getType())).toList();
    }
}
