package org.mfasuite.keycloak.push;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

/** A device key and the JWS it signs, for the protocol's unit tests. */
final class TestDevice {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    final KeyPair pair;

    TestDevice() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> jwk() {
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        return Map.of("kty", "EC", "crv", "P-256", "x", coordinate(key.getW().getAffineX()), "y", coordinate(key.getW().getAffineY()));
    }

    DeviceKey key() {
        return DeviceKey.of(jwk().get("x"), jwk().get("y"));
    }

    String sign(Map<String, ?> header, Map<String, ?> payload) {
        try {
            String input = B64.encodeToString(JsonSerialization.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(JsonSerialization.writeValueAsBytes(payload));
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(pair.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String proof(String method, String url, long iat, String jti) {
        return sign(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", jwk()), Map.of("jti", jti, "htm", method, "htu", url, "iat", iat));
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        byte[] trimmed = bytes.length > 32 ? Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length) : bytes;
        System.arraycopy(trimmed, 0, fixed, 32 - trimmed.length, trimmed.length);
        return B64.encodeToString(fixed);
    }
}
