package org.mfasuite.keycloak.flow;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.mfasuite.keycloak.core.StartupMove;

public class DefaultChoiceCredentialProviderFactory implements CredentialProviderFactory<DefaultChoiceCredentialProvider> {

    public static final String PROVIDER_ID = DefaultChoice.TYPE;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public DefaultChoiceCredentialProvider create(KeycloakSession session) {
        return new DefaultChoiceCredentialProvider(session);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                StartupMove.run(factory, DefaultChoiceMigration.TASK,
                        "users' default methods chosen before strongest-first recorded from their credential order",
                        DefaultChoiceMigration::run);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                DefaultChoiceMigration.markDone(created.getCreatedRealm());
            }
        });
    }
}
