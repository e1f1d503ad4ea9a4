package org.mfasuite.keycloak.gateway;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Lifecycle shared by gateways that speak HTTP: settings read once at start, one JDK client per
 * gateway (thread-safe, reused), secrets resolved from the vault per request.
 */
abstract class HttpGatewayFactory<S extends HttpGatewaySettings> implements MessageGatewayFactory, ServerInfoAwareProviderFactory {

    private S settings;
    private HttpClient http;

    protected abstract S readSettings(Config.Scope config);

    protected abstract MessageGateway newGateway(S settings, HttpClient http, UnaryOperator<String> secrets);

    @Override
    public void init(Config.Scope config) {
        settings = readSettings(config);
        // an unconfigured gateway never sends, so it gets no client (and no selector thread)
        http = settings.configured() ? GatewayHttp.newClient(settings.timeout()) : null;
    }

    @Override
    public MessageGateway create(KeycloakSession session) {
        return newGateway(settings, http, GatewaySecrets.fromVault(session));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        GatewayHttp.close(http);
    }

    /** 10 once configured, so it wins over {@code dev} (1); 0 before {@link #init}. */
    @Override
    public int order() {
        return settings != null && settings.configured() ? 10 : 0;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("configured", String.valueOf(order() > 0));
        if (order() > 0) {
            info.putAll(settings.describe());
        }
        return info;
    }
}
