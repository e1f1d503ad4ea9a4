package org.mfasuite.keycloak.gateway;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** Sends through the first gateway that accepts the message, trying the configured ones in order. */
public final class MessageDispatcher {

    private static final Logger LOG = Logger.getLogger(MessageDispatcher.class);

    /** The result: a receipt, or the reason the last gateway gave. */
    public record Dispatch(GatewayReceipt receipt, String failedGateway, String failureReason) {
        public boolean sent() {
            return receipt != null;
        }

        // TEMP until the gateway work lands: refused / not configured / 4xx certainly did not send
        public boolean certainlyNotSent() {
            return receipt == null && failureReason != null && (failureReason.equals("refused")
                    || failureReason.equals("not_configured") || failureReason.equals("unknown_gateway")
                    || failureReason.startsWith("http_4") || failureReason.equals("no_gateway"));
        }
    }

    private final KeycloakSession session;

    public MessageDispatcher(KeycloakSession session) {
        this.session = session;
    }

    public static MessageDispatcher of(KeycloakSession session) {
        return new MessageDispatcher(session);
    }

    /** @param gatewayIds ids to try in order; empty means the server's default gateway */
    public Dispatch dispatch(List<String> gatewayIds, OutgoingMessage message) {
        List<String> ids = gatewayIds.isEmpty() ? defaultGateway() : gatewayIds;
        String failedGateway = null;
        String reason = "no_gateway";
        for (String id : ids) {
            MessageGateway gateway = session.getProvider(MessageGateway.class, id);
            if (gateway == null) {
                LOG.warnf("Message gateway '%s' is not installed", id);
                failedGateway = id;
                reason = "unknown_gateway";
                continue;
            }
            try {
                GatewayReceipt receipt = gateway.send(message);
                return new Dispatch(receipt, null, null);
            } catch (GatewayException e) {
                LOG.warnf("Message gateway '%s' failed (%s): %s", id, e.reason(), e.getMessage());
                failedGateway = id;
                reason = e.reason();
            } catch (RuntimeException e) {
                // an operator's own gateway with a bug must not turn a sign-in into an error page
                LOG.errorf(e, "Message gateway '%s' failed unexpectedly", id);
                failedGateway = id;
                reason = "error";
            }
        }
        return new Dispatch(null, failedGateway, reason);
    }

    private List<String> defaultGateway() {
        return MessageGateways.defaultId(session.getKeycloakSessionFactory()).map(List::of).orElse(List.of());
    }
}
