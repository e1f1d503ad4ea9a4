package org.mfasuite.keycloak.push;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the device index table to Keycloak's database: entity and Liquibase changelog (run by Keycloak at start). */
public class PushIndexJpaProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/mfa-push-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PushDeviceEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return PushIndexJpaProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
