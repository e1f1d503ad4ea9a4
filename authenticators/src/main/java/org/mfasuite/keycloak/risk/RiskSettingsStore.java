package org.mfasuite.keycloak.risk;

import java.util.ArrayList;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/** Reads and saves a realm's {@link RiskSettings} in its one {@code mfa-risk-settings} component. */
public final class RiskSettingsStore {

    private RiskSettingsStore() {
    }

    public static RiskSettings read(RealmModel realm) {
        ComponentModel component = component(realm);
        return component == null ? RiskSettings.DEFAULTS : RiskSettings.from(component.getConfig());
    }

    /** Saves settings already checked with {@link RiskSettings#problems}; Keycloak validates them once more. */
    static void save(RealmModel realm, RiskSettings settings) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        settings.toConfig().forEach((k, v) -> config.put(k, new ArrayList<>(v)));
        ComponentModel component = component(realm);
        if (component == null) {
            component = new ComponentModel();
            component.setName(RiskSettingsProviderFactory.PROVIDER_ID);
            component.setParentId(realm.getId());
            component.setProviderId(RiskSettingsProviderFactory.PROVIDER_ID);
            component.setProviderType(RiskSettingsProvider.class.getName());
            component.setConfig(config);
            realm.addComponentModel(component);
        } else {
            component.setConfig(config);
            realm.updateComponent(component);
        }
    }

    private static ComponentModel component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), RiskSettingsProvider.class.getName())
                .filter(c -> RiskSettingsProviderFactory.PROVIDER_ID.equals(c.getProviderId()))
                .findFirst().orElse(null);
    }
}
