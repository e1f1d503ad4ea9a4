package org.mfasuite.keycloak.gateway;

import java.util.Objects;

/**
 * One message to deliver.
 *
 * @param realm    realm name, for the outbox and for gateways that bill per tenant
 * @param channel  SMS or voice
 * @param to       recipient in E.164 ({@code +46701234567})
 * @param text     the full text the user receives (voice: the words to speak)
 * @param code     the one-time code inside the text; only the dev outbox may record it
 * @param language BCP 47 tag of the text's language ({@code sv-SE}), which a voice must speak; null: unknown
 * @param from     caller id or sender the step asks for (E.164); null: the gateway's own
 */
public record OutgoingMessage(String realm, Channel channel, String to, String text, String code, String language,
                              String from) {

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** A message in no stated language, from the gateway's own number. */
    public OutgoingMessage(String realm, Channel channel, String to, String text, String code) {
        this(realm, channel, to, text, code, null, null);
    }

    /** Never prints the code or the text: messages end up in logs. */
    @Override
    public String toString() {
        return "OutgoingMessage[realm=" + realm + ", channel=" + channel + "]";
    }
}
