package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a Google service-account key file that FCM HTTP v1 needs.
 *
 * @param privateKeyId the key's id ({@code private_key_id}), sent as the assertion's {@code kid}; may be null
 */
public record FcmServiceAccount(String projectId, String clientEmail, RSAPrivateKey privateKey, String privateKeyId,
        URI tokenUri) {

    public static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

    /** @throws IllegalArgumentException naming the field that is missing or wrong, never its value */
    public static FcmServiceAccount parse(String json) {
        JsonNode root = Json.read(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a service-account JSON object");
        }
        String projectId = Json.text(root, "project_id");
        if (projectId == null || !projectId.matches("[A-Za-z0-9.:_-]{1,100}")) {
            throw new IllegalArgumentException("project_id is missing or malformed");
        }
        String clientEmail = Json.text(root, "client_email");
        if (clientEmail == null || !clientEmail.contains("@")) {
            throw new IllegalArgumentException("client_email is missing");
        }
        String tokenUri = Json.text(root, "token_uri");
        URI uri;
        try {
            uri = tokenUri == null ? GOOGLE_TOKEN_URI : URI.create(tokenUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token_uri is not a URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("token_uri is not an http(s) URL");
        }
        return new FcmServiceAccount(projectId, clientEmail, rsaKey(Json.text(root, "private_key")),
                Json.text(root, "private_key_id"), uri);
    }

    private static RSAPrivateKey rsaKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("private_key is missing or not a PKCS#8 PEM key");
        }
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("private_key is not a readable RSA key");
        }
    }

    @Override
    public String toString() {
        return "FcmServiceAccount[" + projectId + ", " + clientEmail + "]"; // never the key
    }
}
