package org.mfasuite.keycloak.gateway;

import java.util.Map;
import java.util.Set;

import org.keycloak.Config;

/** Server options as a map, the way Keycloak hands one provider's options to its factory. */
final class MapScope extends Config.AbstractScope {

    private final Map<String, String> options;

    MapScope(Map<String, String> options) {
        this.options = options;
    }

    static MapScope of(String... keysAndValues) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapScope(options);
    }

    @Override
    public String get(String key) {
        return options.get(key);
    }

    @Override
    public Config.Scope scope(String... scope) {
        throw new UnsupportedOperationException("gateways read flat options only");
    }

    @Override
    @SuppressWarnings("deprecation")
    public Set<String> getPropertyNames() {
        return options.keySet();
    }

    @Override
    public Config.Scope root() {
        return this;
    }
}
