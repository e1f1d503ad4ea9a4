package org.mfasuite.keycloak.gateway;

import java.time.Duration;
import java.util.Map;

/** What the factory of an HTTP-based gateway needs to know of its settings. */
interface HttpGatewaySettings {

    /** Whether the operator configured this gateway; an unconfigured one never sends. */
    boolean configured();

    Duration timeout();

    /** Non-secret settings for the admin console's server info. */
    Map<String, String> describe();
}
