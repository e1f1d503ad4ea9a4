package org.mfasuite.keycloak.push;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * Mounts the device API and the companion app at {@code /realms/{realm}/mfa-push}, and keeps this node's held
 * login-page waits ({@link PushWaits}): a timer tick every {@value #TICK_MILLIS} ms checks them on Keycloak's
 * executor.
 */
public class PushResourceProviderFactory implements RealmResourceProviderFactory {

    /** {@code --spi-realm-restapi-extension--mfa-push--max-held-waits}: waits held at once on this node. */
    public static final String MAX_HELD_WAITS = "max-held-waits";
    /** Half of Keycloak's smallest default HTTP worker pool (50 threads). */
    public static final int DEFAULT_MAX_HELD_WAITS = 25;
    static final long TICK_MILLIS = 250;
    private static final String TIMER_TASK = "mfa-push-waits";
    private static final String EXECUTOR = "mfa-push-waits";

    private PushWaits waits = new PushWaits(DEFAULT_MAX_HELD_WAITS);

    @Override
    public String getId() {
        return PushUrls.PATH;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PushResourceProvider(session, waits);
    }

    @Override
    public void init(Config.Scope config) {
        waits = new PushWaits(Math.max(0, config.getInt(MAX_HELD_WAITS, DEFAULT_MAX_HELD_WAITS)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        PushWaits held = waits;
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            var executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
            session.getProvider(TimerProvider.class).schedule(() -> held.tick(executor,
                    job -> KeycloakModelUtils.runJobInTransactionWithResult(factory, fresh -> job.apply(fresh.singleUseObjects())),
                    Time::currentTime, System::nanoTime), TICK_MILLIS, TIMER_TASK);
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_HELD_WAITS).type("int").defaultValue(DEFAULT_MAX_HELD_WAITS)
                .helpText("Login-page waits held at once on this node; more are answered 429 and retried by the page.")
                .add().build();
    }

    @Override
    public void close() {
        waits.releaseAll();
    }
}
