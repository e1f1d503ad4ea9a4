package org.mfasuite.keycloak.it;

import org.keycloak.testframework.realm.ManagedRealm;

/** Test-only adjustments to the demo realm, undone by the realm cleanup. */
public final class DemoRealm {

    private DemoRealm() {
    }

    /**
     * Signs every user out and lets a test type codes faster than a person: Keycloak's quick-login check
     * (two failures within a second lock the user for a minute) would otherwise trip on the test itself.
     */
    public static void freshStart(ManagedRealm realm) {
        realm.admin().logoutAll();
        realm.updateWithCleanup(r -> {
            r.build().setQuickLoginCheckMilliSeconds(0L);
            return r;
        });
    }
}
