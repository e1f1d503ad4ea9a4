package org.mfasuite.keycloak.push.delivery;

/** Sends one wake-up notification to one device. */
public interface PushSender {

    /** Never throws; logs the push service's host and status only, never the endpoint or token. */
    DeliveryOutcome send(PushTarget target, PushMessage message);
}
