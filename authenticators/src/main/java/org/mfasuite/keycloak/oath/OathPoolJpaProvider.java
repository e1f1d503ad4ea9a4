package org.mfasuite.keycloak.oath;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the pool's table to Keycloak's database: entity and Liquibase changelog (run by Keycloak at start). */
public class OathPoolJpaProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/mfa-oath-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OathPoolEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return OathPoolJpaProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
