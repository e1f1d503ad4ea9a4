package org.mfasuite.keycloak.gateway;

import java.util.Objects;

/**
 * One message to deliver.
 *
 * @param realm   realm name, for the outbox and for gateways that bill per tenant
 * @param channel SMS or voice
 * @param to      recipient in E.164 ({@code +46701234567})
 * @param text    the full text the user receives
 * @param code    the one-time code inside the text; only the dev outbox may record it
 */
public record OutgoingMessage(String realm, Channel channel, String to, String text, String code) {

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** Never prints the code or the text: messages end up in logs. */
    @Override
    public String toString() {
        return "OutgoingMessage[realm=" + realm + ", channel=" + channel + "]";
    }
}
