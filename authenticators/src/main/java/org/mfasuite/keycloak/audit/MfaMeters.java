package org.mfasuite.keycloak.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * The suite's counters, named for Prometheus: {@code mfa_suite_attempts_total{realm,method,result}} (the sign-in
 * log's rows) and {@code mfa_suite_messages_sent_total{realm,channel,gateway,result}} (every send: sent, failed,
 * refused). Each node counts the events it records itself; Prometheus sums the nodes.
 */
public final class MfaMeters {

    static final String ATTEMPTS = "mfa.suite.attempts";
    static final String MESSAGES = "mfa.suite.messages.sent";

    private final MeterRegistry registry;

    public MfaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one recorded event, if it is an attempt or a send. */
    public void count(Event event, String method) {
        if (method != null) {
            Counter.builder(ATTEMPTS).description("Second-factor attempts of the MFA suite")
                    .tag("realm", value(event.getRealmName())).tag("method", method)
                    .tag("result", event.getType() == EventType.LOGIN ? SignInRow.SUCCESS : SignInRow.FAILURE)
                    .register(registry).increment();
            return;
        }
        SignInRows.Send send = SignInRows.send(event);
        if (send != null) {
            Counter.builder(MESSAGES).description("Messages (SMS, voice) the MFA suite sent or tried to send")
                    .tag("realm", value(event.getRealmName())).tag("channel", send.channel())
                    .tag("gateway", value(send.gateway())).tag("result", send.result())
                    .register(registry).increment();
        }
    }

    private static String value(String v) {
        return v == null || v.isEmpty() ? "none" : v;
    }
}
