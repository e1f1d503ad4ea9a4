package org.mfasuite.keycloak.audit;

import io.micrometer.core.instrument.Metrics;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code mfa-metrics}: global (every realm, no need to add it to a realm's event listeners) exactly when Keycloak
 * runs with {@code --metrics-enabled=true}; counters go to Micrometer's global registry, which Keycloak's Quarkus
 * serves at {@code /metrics} on the management port, as Keycloak's own password-hashing counter does.
 */
public class MetricsListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "mfa-metrics";

    private boolean enabled;
    private MfaMeters meters;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MetricsListener(session, meters);
    }

    @Override
    public boolean isGlobal() {
        return enabled;
    }

    @Override
    public void init(Config.Scope config) {
        enabled = config.root().getBoolean("metrics-enabled", false);
        meters = new MfaMeters(Metrics.globalRegistry);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
