package org.mfasuite.keycloak.risk;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the user-risk table to Keycloak's database: entity and Liquibase changelog (run by Keycloak at start). */
public class UserRiskJpaProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/mfa-user-risk-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(UserRiskEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return UserRiskJpaProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
