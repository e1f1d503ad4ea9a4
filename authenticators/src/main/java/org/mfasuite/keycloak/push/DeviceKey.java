package org.mfasuite.keycloak.push;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A device's public key: ECDSA P-256 as a JWK (RFC 7517). Only public members are accepted; a JWK carrying
 * {@code d} (a private key sent by mistake) is refused rather than stored.
 */
public final class DeviceKey {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final String x;
    private final String y;
    private final ECPublicKey publicKey;

    private DeviceKey(String x, String y, ECPublicKey publicKey) {
        this.x = x;
        this.y = y;
        this.publicKey = publicKey;
    }

    /** @throws DeviceApiException {@code invalid_request} when the JWK is not a public P-256 key */
    public static DeviceKey fromJwk(JsonNode jwk) {
        if (jwk == null || !jwk.isObject() || !"EC".equals(text(jwk, "kty")) || !"P-256".equals(text(jwk, "crv"))) {
            throw DeviceApiException.badRequest("invalid_request", "jwk must be an EC P-256 public key");
        }
        if (jwk.has("d")) {
            throw DeviceApiException.badRequest("invalid_request", "jwk must not contain a private key");
        }
        return of(text(jwk, "x"), text(jwk, "y"));
    }

    /** The key from its coordinates (base64url, 32 bytes each). */
    public static DeviceKey of(String x, String y) {
        byte[] xb = decode(x);
        byte[] yb = decode(y);
        if (xb == null || yb == null || xb.length != 32 || yb.length != 32) {
            throw DeviceApiException.badRequest("invalid_request", "jwk x and y must be 32-byte base64url values");
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(1, xb), new BigInteger(1, yb));
            if (!onCurve(point, spec)) {
                throw DeviceApiException.badRequest("invalid_request", "jwk is not a point on P-256");
            }
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
            return new DeviceKey(x, y, (ECPublicKey) key);
        } catch (GeneralSecurityException e) {
            throw DeviceApiException.badRequest("invalid_request", "jwk is not a usable P-256 key");
        }
    }

    /** RFC 7638 thumbprint: SHA-256 over the required members in lexical order, base64url. */
    public String thumbprint() {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} (JOSE form: R||S, 64 bytes) is this key's ES256 signature over {@code input}. */
    public boolean verifies(byte[] input, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public JWK as stored in the device credential. */
    public Map<String, String> toJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("x", x);
        jwk.put("y", y);
        return jwk;
    }

    public String x() {
        return x;
    }

    public String y() {
        return y;
    }

    /** y² = x³ + ax + b (mod p): an off-curve point is never a key. */
    private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
        BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger px = point.getAffineX();
        BigInteger py = point.getAffineY();
        if (px.signum() < 0 || px.compareTo(p) >= 0 || py.signum() < 0 || py.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = py.modPow(BigInteger.TWO, p);
        BigInteger right = px.pow(3).add(spec.getCurve().getA().multiply(px)).add(spec.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static byte[] decode(String value) {
        try {
            return value == null ? null : B64D.decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
