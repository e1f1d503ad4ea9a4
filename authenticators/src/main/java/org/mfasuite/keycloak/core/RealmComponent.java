package org.mfasuite.keycloak.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/**
 * A realm's one settings component of a provider (fraud alert, sign-in risk): kept as a Keycloak component so that
 * realm export carries it and Keycloak validates it on every save.
 */
public final class RealmComponent {

    private RealmComponent() {
    }

    /** The component's config; null when the realm has none yet (the settings' defaults apply). */
    public static MultivaluedHashMap<String, String> config(RealmModel realm, Class<?> providerType, String providerId) {
        ComponentModel component = find(realm, providerType, providerId);
        return component == null ? null : component.getConfig();
    }

    /** Creates the component, or replaces its config; the caller checked the values first. */
    public static void save(RealmModel realm, Class<?> providerType, String providerId,
                            Map<String, List<String>> values) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        values.forEach((k, v) -> config.put(k, new ArrayList<>(v)));
        ComponentModel component = find(realm, providerType, providerId);
        if (component == null) {
            component = new ComponentModel();
            component.setName(providerId);
            component.setParentId(realm.getId());
            component.setProviderId(providerId);
            component.setProviderType(providerType.getName());
            component.setConfig(config);
            realm.addComponentModel(component);
        } else {
            component.setConfig(config);
            realm.updateComponent(component);
        }
    }

    private static ComponentModel find(RealmModel realm, Class<?> providerType, String providerId) {
        return realm.getComponentsStream(realm.getId(), providerType.getName())
                .filter(c -> providerId.equals(c.getProviderId()))
                .findFirst().orElse(null);
    }
}
