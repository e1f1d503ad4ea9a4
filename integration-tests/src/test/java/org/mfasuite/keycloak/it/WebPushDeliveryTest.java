package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * Web Push delivery runs on Keycloak's executor after the sign-in's request has closed: the push service (a local
 * peer standing in for it) still receives the notification, signed with the realm's VAPID key.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class WebPushDeliveryTest extends DemoRealmTest {

    @Test
    public void aSignInWakesThePhoneThroughItsPushServiceSignedWithTheRealmsVapidKey() throws Exception {
        AuthenticatorConfigRepresentation push = realm.admin().flows().getAuthenticatorConfig(pushConfigId());
        Map<String, String> before = new HashMap<>(push.getConfig());
        push.getConfig().put("web-push-hosts", "127.0.0.1");
        realm.admin().flows().updateAuthenticatorConfig(push.getId(), push);
        ((HtmlUnitDriver) driver.driver()).setJavascriptEnabled(false);
        try (LocalPeer pushService = LocalPeer.answering(201, "{}")) {
            String user = DemoUsers.uniqueName("webpush");
            DemoUsers.create(realm, user, List.of("mfa-push-enroll"), false);
            submitPassword(user, DemoUsers.PASSWORD);
            PushDeviceSimulator device = new PushDeviceSimulator();
            assertEquals(201, device.enrol(driver.findElement(By.id("mfa-push-enroll-link")).getAttribute("href"), "Browser").status());
            driver.findElement(By.id("mfa-push-enroll-continue")).click();
            assertNotNull(oauth.parseLoginResponse().getCode());
            String endpoint = "http://127.0.0.1:" + MfaServerConfig.PEER_PORT + "/push/subscription-1";
            assertEquals(204, device.setPush(JsonSerialization.writeValueAsString(Map.of("kind", "webpush",
                    "endpoint", endpoint, "p256dh", userAgentKey(), "auth", b64(random(16))))).status());
            realm.admin().logoutAll();
            driver.driver().manage().deleteAllCookies();

            submitPassword(user, DemoUsers.PASSWORD);
            assertFalse(driver.driver().findElements(By.id("mfa-push-number")).isEmpty(), "the push page");
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (pushService.requests().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            LocalPeer.Request sent = pushService.only();
            assertEquals("POST", sent.method());
            assertEquals("/push/subscription-1", sent.path());
            assertEquals("aes128gcm", sent.header("Content-Encoding"));

            String authorization = sent.header("Authorization");
            assertTrue(authorization.startsWith("vapid t="), authorization);
            String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(','));
            String k = authorization.substring(authorization.indexOf("k=") + 2).trim();
            Map<String, Object> config = HttpCalls.json(HttpCalls.send(HttpRequest.newBuilder(
                    URI.create(device.base() + "/config")).GET().build()));
            assertEquals(config.get("vapid_public_key"), k, "the realm's VAPID key");
            String[] parts = jwt.split("\\.");
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(publicKey(Base64.getUrlDecoder().decode(k)));
            es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(es256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed with the realm's VAPID key");
            Map<?, ?> claims = JsonSerialization.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            assertEquals("http://127.0.0.1:" + MfaServerConfig.PEER_PORT, claims.get("aud"));
        } finally {
            ((HtmlUnitDriver) driver.driver()).setJavascriptEnabled(true);
            push.setConfig(before);
            realm.admin().flows().updateAuthenticatorConfig(push.getId(), push);
        }
    }

    private String pushConfigId() {
        return realm.admin().flows().getExecutions("browser with mfa - second factor").stream()
                .filter(e -> "mfa-push".equals(e.getProviderId())).findFirst().orElseThrow().getAuthenticationConfig();
    }

    /** A browser's subscription key: an uncompressed P-256 point, base64url. */
    private static String userAgentKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPoint w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(fixed(w.getAffineX()), 0, point, 1, 32);
        System.arraycopy(fixed(w.getAffineY()), 0, point, 33, 32);
        return b64(point);
    }

    private static PublicKey publicKey(byte[] uncompressed) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
