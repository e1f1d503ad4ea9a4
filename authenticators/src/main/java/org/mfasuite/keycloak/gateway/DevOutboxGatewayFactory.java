package org.mfasuite.keycloak.gateway;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Provider {@code dev}: the outbox file gateway for {@code kc.sh start-dev}. */
public class DevOutboxGatewayFactory implements MessageGatewayFactory, ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(DevOutboxGatewayFactory.class);

    private final Object appendLock = new Object();
    private DevOutboxSettings settings = new DevOutboxSettings(null, false);
    private boolean devMode;

    @Override
    public void init(Config.Scope config) {
        settings = DevOutboxSettings.from(config);
        devMode = Environment.isDevMode();
        if (!devMode && !settings.enabledOutsideDevMode()) {
            LOG.warnf("The %s gateway 'dev' refuses to send outside dev mode; this is expected when the twilio or "
                    + "http gateway delivers. To use it on a test system set --spi-%s--dev--enabled-outside-dev-mode=true",
                    MessageGatewaySpi.NAME, MessageGatewaySpi.NAME);
        }
    }

    @Override
    public MessageGateway create(KeycloakSession session) {
        return new DevOutboxGateway(settings, devMode, appendLock);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return DevOutboxGateway.PROVIDER_ID;
    }

    /** Above an unconfigured real gateway (0), below a configured one (10). */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        boolean active = devMode || settings.enabledOutsideDevMode();
        return Map.of("active", String.valueOf(active),
                "dev-mode", String.valueOf(devMode),
                "enabled-outside-dev-mode", String.valueOf(settings.enabledOutsideDevMode()),
                "outbox", settings.outbox().toAbsolutePath().normalize().toString());
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property("outbox", "Outbox file", "JSON-lines file each message is appended to. "
                        + "Default: <kc.home.dir>/data/mfa-outbox.jsonl", ProviderConfigProperty.STRING_TYPE, null, null)
                .property("enabled-outside-dev-mode", "Enabled outside dev mode", "Let the dev gateway run outside "
                        + "kc.sh start-dev (test systems only: the file holds live codes)",
                        ProviderConfigProperty.BOOLEAN_TYPE, false, null)
                .build();
    }
}
