package org.mfasuite.keycloak.fraud;

import java.util.ArrayList;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/** Reads and saves a realm's {@link FraudSettings} in its one {@code mfa-fraud-settings} component. */
public final class FraudSettingsStore {

    private FraudSettingsStore() {
    }

    public static FraudSettings read(RealmModel realm) {
        ComponentModel component = component(realm);
        return component == null ? FraudSettings.DEFAULTS : FraudSettings.from(component.getConfig());
    }

    /** Saves settings already checked with {@link FraudSettings#problems}; Keycloak validates them once more. */
    static void save(RealmModel realm, FraudSettings settings) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        settings.toConfig().forEach((k, v) -> config.put(k, new ArrayList<>(v)));
        ComponentModel component = component(realm);
        if (component == null) {
            component = new ComponentModel();
            component.setName(FraudSettingsProviderFactory.PROVIDER_ID);
            component.setParentId(realm.getId());
            component.setProviderId(FraudSettingsProviderFactory.PROVIDER_ID);
            component.setProviderType(FraudSettingsProvider.class.getName());
            component.setConfig(config);
            realm.addComponentModel(component);
        } else {
            component.setConfig(config);
            realm.updateComponent(component);
        }
    }

    private static ComponentModel component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), FraudSettingsProvider.class.getName())
                .filter(c -> FraudSettingsProviderFactory.PROVIDER_ID.equals(c.getProviderId()))
                .findFirst().orElse(null);
    }
}
