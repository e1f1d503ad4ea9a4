package org.mfasuite.keycloak.it;

import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;
import org.mfasuite.keycloak.flow.DefaultChoiceMigration;

/** The start-up move mfa-default-method-migration on the server, as the first start of this version runs it. */
final class OldDefaults {

    private OldDefaults() {
    }

    /** Makes the realm look as it did before the upgrade: its orders not read yet. */
    static RunOnServer notYetMigrated(String realmName) {
        return session -> session.realms().getRealmByName(realmName).removeAttribute(DefaultChoiceMigration.DONE);
    }

    /** The move's routine; returns how many users got a record. */
    static FetchOnServer move() {
        return DefaultChoiceMigration::run;
    }
}
