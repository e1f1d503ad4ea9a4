package org.mfasuite.keycloak.fraud;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.core.RealmComponent;

/** Reads and saves a realm's {@link FraudSettings} in its one {@code mfa-fraud-settings} component. */
public final class FraudSettingsStore {

    private FraudSettingsStore() {
    }

    public static FraudSettings read(RealmModel realm) {
        MultivaluedHashMap<String, String> config = RealmComponent.config(realm, FraudSettingsProvider.class,
                FraudSettingsProviderFactory.PROVIDER_ID);
        return config == null ? FraudSettings.DEFAULTS : FraudSettings.from(config);
    }

    /** Saves settings already checked with {@link FraudSettings#problems}; Keycloak validates them once more. */
    static void save(RealmModel realm, FraudSettings settings) {
        RealmComponent.save(realm, FraudSettingsProvider.class, FraudSettingsProviderFactory.PROVIDER_ID, settings.toConfig());
    }
}
