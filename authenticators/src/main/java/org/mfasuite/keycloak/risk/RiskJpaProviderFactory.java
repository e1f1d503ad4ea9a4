package org.mfasuite.keycloak.risk;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * The sign-in history table ({@code MFA_RISK_SIGN_IN}); a removed user or realm takes its rows along, and rows past
 * their realm's history days are deleted daily ({@link RiskHistoryCleanup}).
 * {@code create(null)} must work: Keycloak's build asks it for the entities.
 */
public class RiskJpaProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "mfa-risk-history";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new RiskJpaProvider();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new RiskHistoryCleanup(), RiskHistoryCleanup.INTERVAL_MILLIS, RiskHistoryCleanup.TASK));
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                SignInHistory.removeUser(removed.getKeycloakSession(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                SignInHistory.removeRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            }
        });
    }

    @Override
    public void close() {
    }
}
