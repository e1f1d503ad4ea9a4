package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service-account key file like the one Firebase's console downloads, with a key made for the tests. */
final class FcmKeys {

    static final KeyPair KEYS = generate();
    static final String PROJECT = "mfa-suite-test";
    static final String CLIENT_EMAIL = "firebase-adminsdk-x1@mfa-suite-test.iam.gserviceaccount.com";
    static final String KEY_ID = "0123456789abcdef";

    private FcmKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static String serviceAccountJson(PrivateKey key, String tokenUri) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", PROJECT);
        json.put("private_key_id", KEY_ID);
        json.put("private_key", pem(key));
        json.put("client_email", CLIENT_EMAIL);
        json.put("client_id", "1234567890");
        json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        json.put("token_uri", tokenUri);
        return new String(Json.write(json), StandardCharsets.UTF_8);
    }
}
