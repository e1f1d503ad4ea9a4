package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;

/**
 * The realm's VAPID key (Web Push) is a secret: it lives in a component whose private key admin reads and exports
 * mask, never in a realm attribute; an unauthenticated {@code GET …/config} never creates it, the first enrolment
 * code does; a key an older version kept in the attribute moves into the component, keeping its public key.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class PushVapidKeyTest extends DemoRealmTest {

    static final String ATTRIBUTE = "mfa-push.vapid-key";
    static final String COMPONENT_TYPE = "org.mfasuite.keycloak.push.delivery.VapidKeyStore";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @InjectAdminClient
    Keycloak admin;

    @Test
    public void theConfigOfARealmWithoutAKeyCreatesNone() {
        String name = "vapid-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation fresh = new RealmRepresentation();
        fresh.setRealm(name);
        fresh.setEnabled(true);
        admin.realms().create(fresh);
        try {
            String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
            Map<String, Object> config = config(server + "/realms/" + name);
            assertEquals(name, config.get("realm"));
            assertNull(config.get("vapid_public_key"), "no key, and none made by an unauthenticated call");
            RealmRepresentation after = admin.realm(name).toRepresentation();
            assertTrue(after.getAttributes() == null || !after.getAttributes().containsKey(ATTRIBUTE));
            assertEquals(List.of(), admin.realm(name).components().query(after.getId(), COMPONENT_TYPE));
        } finally {
            admin.realm(name).remove();
        }
    }

    @Test
    public void theFirstEnrolmentCodeCreatesTheKey() {
        removeKeys();
        assertNull(config(realm.getBaseUrl()).get("vapid_public_key"));

        String user = DemoUsers.uniqueName("vapid");
        DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
        submitPassword(user, DemoUsers.PASSWORD);
        assertNotNull(driver.findElement(By.id("mfa-push-enroll-link")));

        String publicKey = (String) config(realm.getBaseUrl()).get("vapid_public_key");
        assertNotNull(publicKey, "the enrolment code made the realm's key");
        List<ComponentRepresentation> keys = keyComponents();
        assertEquals(1, keys.size());
        assertEquals(List.of(publicKey), keys.get(0).getConfig().get("publicKey"));
        assertEquals(List.of(ComponentRepresentation.SECRET_VALUE), keys.get(0).getConfig().get("privateKey"));
    }

    @Test
    public void anOldAttributeKeyMovesIntoTheSecretComponentAndNoAdminReadOrExportShowsIt() throws IOException {
        removeKeys();
        KeyPair pair = newKey();
        String privateKey = B64.encodeToString(pair.getPrivate().getEncoded());
        String publicKey = B64.encodeToString(uncompressed((ECPublicKey) pair.getPublic()));
        RealmRepresentation before = realm.admin().toRepresentation();
        before.getAttributes().put(ATTRIBUTE, privateKey + "." + publicKey);
        realm.admin().update(before);
        assertEquals(privateKey + "." + publicKey, realm.admin().toRepresentation().getAttributes().get(ATTRIBUTE),
                "as an older version kept it");

        assertEquals(publicKey, config(realm.getBaseUrl()).get("vapid_public_key"), "the same key: subscriptions keep working");

        RealmRepresentation after = realm.admin().toRepresentation();
        assertFalse(after.getAttributes().containsKey(ATTRIBUTE), "the attribute is removed");
        assertFalse(JsonSerialization.writeValueAsString(after).contains(privateKey), "the realm read");
        List<ComponentRepresentation> keys = keyComponents();
        assertEquals(1, keys.size());
        assertEquals(List.of(ComponentRepresentation.SECRET_VALUE), keys.get(0).getConfig().get("privateKey"));
        assertEquals(List.of(publicKey), keys.get(0).getConfig().get("publicKey"));
        String export = JsonSerialization.writeValueAsString(realm.admin().partialExport(true, true));
        assertTrue(export.contains(publicKey), "the export carries the component");
        assertFalse(export.contains(privateKey), "the export masks the private key");
        assertEquals(publicKey, config(realm.getBaseUrl()).get("vapid_public_key"), "moved once, kept");
    }

    private Map<String, Object> config(String realmUrl) {
        HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(URI.create(realmUrl + "/mfa-push/config")).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private List<ComponentRepresentation> keyComponents() {
        return realm.admin().components().query(realm.admin().toRepresentation().getId(), COMPONENT_TYPE);
    }

    private void removeKeys() {
        for (ComponentRepresentation key : keyComponents()) {
            realm.admin().components().component(key.getId()).remove();
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        copy32(key.getW().getAffineX().toByteArray(), point, 1);
        copy32(key.getW().getAffineY().toByteArray(), point, 33);
        return point;
    }

    private static void copy32(byte[] value, byte[] into, int at) {
        int length = Math.min(32, value.length);
        System.arraycopy(value, value.length - length, into, at + 32 - length, length);
    }
}
