package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mfasuite.keycloak.audit.Events.event;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;

class SignInRowsTest {

    private final Events.MapLookup lookup = new Events.MapLookup()
            .credential("otp-1", "otp", "Pixel 8")
            .credential("phone-1", "mfa-phone", "+46701234567")
            .credential("pw-1", "password", null)
            .credential("app-1", "mfa-app-password", "Thunderbird")
            .person("u1", "alice", "Alice Andersson", "alice@example.org");

    @Test
    void aWrongSmsCodeIsAFailureWithItsReasonMaskedPhoneAndNode() {
        SignInRow row = SignInRows.row(event(EventType.LOGIN_ERROR, 1_000, "invalid_user_credentials",
                "username", "alice", "mfa_method", "sms", "mfa_step", "check", "mfa_phone", "+46 70•••••67",
                "mfa_result", "wrong", "reason", "wrong_code", "selected_credential_id", "phone-1",
                "mfa_node", "kc-1"), lookup);

        assertEquals(new SignInRow(1_000, row.eventId(), "u1", "alice", "Alice Andersson", "alice@example.org",
                "+46 70•••••67", "sms", "failure", "wrong_code", "invalid_user_credentials", "kc-1", "203.0.113.9",
                "account-console", null, null, null, Map.of("username", "alice", "mfa_method", "sms", "mfa_step",
                "check", "mfa_phone", "+46 70•••••67", "mfa_result", "wrong", "reason", "wrong_code",
                "selected_credential_id", "phone-1", "mfa_node", "kc-1")), row);
    }

    @Test
    void aRefusalFoundByItsReferenceIsARowWithoutMethodNamingThePolicy() {
        SignInRow row = SignInRows.anyRow(event(EventType.LOGIN_ERROR, 3_000, "access_denied", "username", "alice",
                "mfa_method", "password", "reason", "mfa_policy_block", "mfa_ref", "7KQ2-MX9D", "mfa_access", "block",
                "mfa_policies", "Block outside office"), lookup);
        assertNull(row.method());
        assertEquals("failure", row.result());
        assertEquals("mfa_policy_block", row.reason());
        assertEquals("7KQ2-MX9D", row.reference());
        assertEquals("block", row.access());
        assertEquals("Block outside office", row.policies());
        assertEquals("password", row.details().get("mfa_method"), "every detail of the event");
        assertNull(SignInRows.row(event(EventType.LOGIN_ERROR, 3_000, "access_denied", "mfa_method", "password"),
                lookup), "still no row of the log itself");
    }

    @Test
    void aRightSmsCodeIsASuccessReasonValid() {
        SignInRow row = SignInRows.row(event(EventType.LOGIN, 2_000, null, "mfa_method", "sms", "mfa_result", "valid",
                "mfa_phone", "+46 70•••••67"), lookup);
        assertEquals("success", row.result());
        assertEquals("valid", row.reason());
        assertNull(row.error());
    }

    @Test
    void keycloaksOwnOtpIsRecognisedBySelectedCredentialWithItsLabel() {
        SignInRow ok = SignInRows.row(event(EventType.LOGIN, 1, null, "selected_credential_id", "otp-1"), lookup);
        assertEquals("otp", ok.method());
        assertEquals("Pixel 8", ok.device());
        assertEquals("valid", ok.reason());

        SignInRow wrong = SignInRows.row(event(EventType.LOGIN_ERROR, 1, "invalid_user_credentials",
                "selected_credential_id", "otp-1"), lookup);
        assertEquals("failure", wrong.result());
        assertEquals("invalid_user_credentials", wrong.reason(), "Keycloak's OTP form gives no reason: its error");
    }

    @Test
    void aRemovedCredentialLeavesTheMethodUnknown() {
        assertEquals("unknown", SignInRows.row(event(EventType.LOGIN, 1, null, "selected_credential_id", "gone"),
                lookup).method());
    }

    @Test
    void appPasswordsShowTheirNameNeverAPhonesLabel() {
        SignInRow app = SignInRows.row(event(EventType.LOGIN, 1, null, "mfa_method", "app-password",
                "credential_id", "app-1", "mfa_result", "valid"), lookup);
        assertEquals("app-password", app.method());
        assertEquals("Thunderbird", app.device());

        SignInRow phoneWithoutDetail = SignInRows.row(event(EventType.LOGIN, 1, null, "mfa_method", "voice",
                "selected_credential_id", "phone-1"), lookup);
        assertNull(phoneWithoutDetail.device(), "a phone's label may be its full number");
    }

    @Test
    void aRecognisedTrustedDeviceIsASuccessfulAttempt() {
        SignInRow row = SignInRows.row(event(EventType.LOGIN, 1, null, "mfa_trusted_device", "recognised"), lookup);
        assertEquals("trusted-device", row.method());
        assertEquals("recognised", row.reason());
    }

    @Test
    void newMethodsNeedNoCodeChange() {
        SignInRow push = SignInRows.row(event(EventType.LOGIN_ERROR, 1, "access_denied", "mfa_method", "push",
                "mfa_device", "Pixel 8", "mfa_result", "denied"), lookup);
        assertEquals("push", push.method());
        assertEquals("Pixel 8", push.device());
        assertEquals("denied", push.reason(), "mfa_result when there is no reason");
    }

    @Test
    void passwordsSendsAndOtherEventsAreNoRows() {
        assertNull(SignInRows.row(event(EventType.LOGIN, 1, null), lookup), "password only");
        assertNull(SignInRows.row(event(EventType.LOGIN, 1, null, "mfa_method", "password"), lookup));
        assertNull(SignInRows.row(event(EventType.LOGIN_ERROR, 1, "invalid_user_credentials",
                "selected_credential_id", "pw-1"), lookup));
        assertNull(SignInRows.row(event(EventType.CUSTOM_REQUIRED_ACTION, 1, null, "mfa_method", "sms",
                "mfa_step", "send", "mfa_result", "sent"), lookup));
        assertNull(SignInRows.row(event(EventType.UPDATE_CREDENTIAL, 1, null, "mfa_method", "sms"), lookup));
        assertNull(SignInRows.row(event(EventType.LOGIN_ERROR, 1, "invalid_user_credentials",
                "mfa_trusted_device", "recognised"), lookup), "a trusted device never fails");
    }

    @Test
    void withoutViewUsersOnlyTheEventsUsernameShows() {
        Events.MapLookup noPeople = new Events.MapLookup();
        SignInRow row = SignInRows.row(event(EventType.LOGIN, 1, null, "username", "alice", "mfa_method", "sms"), noPeople);
        assertEquals("alice", row.username());
        assertNull(row.name());
        assertNull(row.email());
        assertNull(row.node(), "events recorded before mfa_node existed");
    }

    @Test
    void sendsAreReadWithChannelGatewayAndResult() {
        assertEquals(new SignInRows.Send("sms", "dev", "sent"), SignInRows.send(event(EventType.CUSTOM_REQUIRED_ACTION,
                1, null, "mfa_method", "sms", "mfa_step", "send", "mfa_gateway", "dev", "mfa_result", "sent")));
        assertEquals(new SignInRows.Send("sms", null, "refused"), SignInRows.send(event(
                EventType.CUSTOM_REQUIRED_ACTION_ERROR, 1, "mfa_send_limit", "mfa_method", "sms", "mfa_step", "send",
                "mfa_result", "refused")));
        assertEquals(new SignInRows.Send("voice", "twilio", "failed"), SignInRows.send(event(
                EventType.CUSTOM_REQUIRED_ACTION_ERROR, 1, "mfa_gateway_failed", "mfa_method", "voice",
                "mfa_step", "send", "mfa_gateway", "twilio")));
        assertNull(SignInRows.send(event(EventType.CUSTOM_REQUIRED_ACTION, 1, null, "mfa_result", "chosen",
                "mfa_method", "otp")), "the registration prompt's answer is no send");
    }
}
