package org.mfasuite.keycloak.it;

import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The suite's server with room for only {@value #MAX_HELD_WAITS} held push waits, so a test can reach the cap. */
public class PushWaitServerConfig extends MfaServerConfig {

    static final int MAX_HELD_WAITS = 3;

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return super.configure(config)
                .spiOption("realm-restapi-extension", "mfa-push", "max-held-waits", Integer.toString(MAX_HELD_WAITS));
    }
}
