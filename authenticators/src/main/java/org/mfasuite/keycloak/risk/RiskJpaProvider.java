package org.mfasuite.keycloak.risk;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the sign-in history table to Keycloak's database: entity and Liquibase changelog (run by Keycloak at start). */
public class RiskJpaProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/mfa-risk-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(RiskSignInEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return RiskJpaProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
