package org.mfasuite.keycloak.gateway;

import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** Sends through the first gateway that accepts the message, trying the configured ones in order. */
public final class MessageDispatcher {

    private static final Logger LOG = Logger.getLogger(MessageDispatcher.class);

    /**
     * The result: a receipt, or the gateway and reason of the last attempt.
     *
     * @param certainlyNotSent true only when no gateway accepted and no attempt can have delivered the message
     *                         (each was refused, rejected, unconfigured or not installed): its send may be given back
     */
    public record Dispatch(GatewayReceipt receipt, String failedGateway, String failureReason, boolean certainlyNotSent) {
        public boolean sent() {
            return receipt != null;
        }
    }

    private final Function<String, MessageGateway> gateways;
    private final List<String> defaultIds;

    /**
     * @param gateways   the gateway of an id, null when none is installed under it
     * @param defaultIds what to try when a flow names no gateway
     */
    public MessageDispatcher(Function<String, MessageGateway> gateways, List<String> defaultIds) {
        this.gateways = gateways;
        this.defaultIds = List.copyOf(defaultIds);
    }

    /** The session's installed gateways, with the server's default gateway. */
    public MessageDispatcher(KeycloakSession session) {
        this(id -> session.getProvider(MessageGateway.class, id),
                MessageGateways.defaultId(session.getKeycloakSessionFactory()).map(List::of).orElse(List.of()));
    }

    /** @param gatewayIds ids to try in order; empty means the server's default gateway */
    public Dispatch dispatch(List<String> gatewayIds, OutgoingMessage message) {
        List<String> ids = gatewayIds.isEmpty() ? defaultIds : gatewayIds;
        String failedGateway = null;
        String reason = "no_gateway";
        boolean certainlyNotSent = true;
        for (String id : ids) {
            MessageGateway gateway = gateways.apply(id);
            if (gateway == null) {
                LOG.warnf("Message gateway '%s' is not installed", id);
                failedGateway = id;
                reason = "unknown_gateway";
                continue;
            }
            try {
                GatewayReceipt receipt = gateway.send(message);
                return new Dispatch(receipt, null, null, false);
            } catch (GatewayException e) {
                LOG.warnf("Message gateway '%s' failed (%s): %s", id, e.reason(), e.getMessage());
                failedGateway = id;
                reason = e.reason();
                certainlyNotSent &= !e.maybeDelivered();
            } catch (RuntimeException e) {
                // an operator's own gateway with a bug must not turn a sign-in into an error page
                LOG.errorf(e, "Message gateway '%s' failed unexpectedly", id);
                failedGateway = id;
                reason = "error";
                certainlyNotSent = false;
            }
        }
        return new Dispatch(null, failedGateway, reason, certainlyNotSent);
    }
}
