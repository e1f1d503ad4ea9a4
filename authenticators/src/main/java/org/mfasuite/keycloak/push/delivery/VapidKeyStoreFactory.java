package org.mfasuite.keycloak.push.delivery;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Describes the VAPID key component: {@value #PRIVATE_KEY} is a secret (masked in admin reads and exports, as a key
 * provider's private key is), {@value #PUBLIC_KEY} is public. After Keycloak's start it moves keys that older versions
 * kept in a realm attribute into the component, once per realm.
 */
public class VapidKeyStoreFactory implements ComponentFactory<VapidKeyStore, VapidKeyStore> {

    public static final String PROVIDER_ID = "mfa-push-vapid";
    public static final String PRIVATE_KEY = "privateKey";
    public static final String PUBLIC_KEY = "publicKey";
    private static final Logger LOG = Logger.getLogger(VapidKeyStoreFactory.class);
    private static final VapidKeyStore STORE = new VapidKeyStore() { };

    @Override
    public VapidKeyStore create(KeycloakSession session, ComponentModel model) {
        return STORE;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "The realm's VAPID key pair for Web Push (mfa-push). Created by the suite; deleting it makes a new key, "
                + "and every companion app must subscribe to notifications again.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PRIVATE_KEY).label("Private key").helpText("PKCS#8, base64url")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(PUBLIC_KEY).label("Public key").helpText("Uncompressed P-256 point, base64url: the "
                        + "companion app's applicationServerKey").type(ProviderConfigProperty.STRING_TYPE).add()
                .build();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                migrateAll(factory);
            }
        });
    }

    /** Every realm that still has the old attribute: its key moves into the component, the attribute goes. */
    static void migrateAll(KeycloakSessionFactory factory) {
        try {
            List<String> realms = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                    session.realms().getRealmsStream().filter(r -> r.getAttribute(RealmVapidKeys.ATTRIBUTE) != null)
                            .map(RealmModel::getId).toList());
            for (String realmId : realms) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    RealmVapidKeys.existing(session, realm);
                });
            }
        } catch (RuntimeException e) {
            // the next use of a realm's key migrates it then
            LOG.warnf("Moving VAPID keys out of realm attributes failed: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
    }
}
