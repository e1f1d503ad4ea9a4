package org.mfasuite.keycloak.it;

import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/** Runs the admin console client's start-up move on the server, as a start does (the same routine). */
final class ConsoleStartup {

    private ConsoleStartup() {
    }

    static RunOnServer move() {
        return session -> org.mfasuite.keycloak.console.ConsoleClient.ensureEverywhere(session);
    }
}
