package org.mfasuite.keycloak.risk;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.RealmModel;
import org.mfasuite.keycloak.core.RealmComponent;

/** Reads and saves a realm's {@link RiskSettings} in its one {@code mfa-risk-settings} component. */
public final class RiskSettingsStore {

    private RiskSettingsStore() {
    }

    public static RiskSettings read(RealmModel realm) {
        MultivaluedHashMap<String, String> config = RealmComponent.config(realm, RiskSettingsProvider.class,
                RiskSettingsProviderFactory.PROVIDER_ID);
        return config == null ? RiskSettings.DEFAULTS : RiskSettings.from(config);
    }

    /** Saves settings already checked with {@link RiskSettings#problems}; Keycloak validates them once more. */
    static void save(RealmModel realm, RiskSettings settings) {
        RealmComponent.save(realm, RiskSettingsProvider.class, RiskSettingsProviderFactory.PROVIDER_ID, settings.toConfig());
    }
}
