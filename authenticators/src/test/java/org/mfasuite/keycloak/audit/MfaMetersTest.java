package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mfasuite.keycloak.audit.Events.event;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;

class MfaMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MfaMeters meters = new MfaMeters(registry);

    @Test
    void countsAttemptsByMethodAndResultAndSendsByChannelGatewayAndResult() {
        meters.count(event(EventType.LOGIN_ERROR, 1, "invalid_user_credentials", "mfa_method", "sms"), "sms");
        meters.count(event(EventType.LOGIN_ERROR, 2, "invalid_user_credentials", "mfa_method", "sms"), "sms");
        meters.count(event(EventType.LOGIN, 3, null, "mfa_method", "sms"), "sms");
        meters.count(event(EventType.CUSTOM_REQUIRED_ACTION, 4, null, "mfa_method", "sms", "mfa_step", "send",
                "mfa_gateway", "dev", "mfa_result", "sent"), null);
        meters.count(event(EventType.CUSTOM_REQUIRED_ACTION_ERROR, 5, "mfa_send_limit", "mfa_method", "sms",
                "mfa_step", "send", "mfa_result", "refused"), null);
        meters.count(event(EventType.LOGIN, 6, null), null);

        assertEquals(2.0, registry.get(MfaMeters.ATTEMPTS).tags("realm", "demo", "method", "sms", "result", "failure").counter().count());
        assertEquals(1.0, registry.get(MfaMeters.ATTEMPTS).tags("method", "sms", "result", "success").counter().count());
        assertEquals(1.0, registry.get(MfaMeters.MESSAGES).tags("channel", "sms", "gateway", "dev", "result", "sent").counter().count());
        assertEquals(1.0, registry.get(MfaMeters.MESSAGES).tags("gateway", "none", "result", "refused").counter().count());
        assertEquals(2, registry.get(MfaMeters.ATTEMPTS).counters().size(), "a password-only sign-in counts nowhere");
        assertNull(registry.find(MfaMeters.ATTEMPTS).tags("method", "password").counter());
    }
}
