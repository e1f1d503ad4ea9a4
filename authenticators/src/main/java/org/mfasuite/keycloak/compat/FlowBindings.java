package org.mfasuite.keycloak.compat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.utils.AuthenticationFlowResolver;

/**
 * A client's authentication-flow override for a binding ({@code browser}, {@code direct_grant}), as Keycloak resolves
 * it for a sign-in. 26.6 and later have {@link AuthenticationFlowResolver#resolveBindingOverrideFlowForClient} (called
 * directly); 26.5 has not, and resolves it inside {@code resolveBrowserFlow}: the override's flow id looked up in the
 * realm, a missing flow logged and ignored. That is done here on 26.5. Which one is found once, when this class loads.
 */
public final class FlowBindings {

    private static final Logger LOG = Logger.getLogger(FlowBindings.class);
    static final boolean RESOLVER_HAS_OVERRIDES = hasOverrideResolver();

    private FlowBindings() {
    }

    /** The client's override flow for the binding, or null when the realm's own flow applies. */
    public static AuthenticationFlowModel override(ClientModel client, String binding) {
        if (RESOLVER_HAS_OVERRIDES) {
            return AuthenticationFlowResolver.resolveBindingOverrideFlowForClient(client, binding);
        }
        String flowId = client.getAuthenticationFlowBindingOverride(binding);
        if (flowId == null) {
            return null;
        }
        AuthenticationFlowModel flow = client.getRealm().getAuthenticationFlowById(flowId);
        if (flow == null) {
            LOG.warnf("Client %s has %s flow override, but this flow '%s' does not exist, fallback to %s flow",
                    client.getClientId(), binding, flowId, binding);
        }
        return flow;
    }

    private static boolean hasOverrideResolver() {
        try {
            MethodHandles.publicLookup().findStatic(AuthenticationFlowResolver.class, "resolveBindingOverrideFlowForClient",
                    MethodType.methodType(AuthenticationFlowModel.class, ClientModel.class, String.class));
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
