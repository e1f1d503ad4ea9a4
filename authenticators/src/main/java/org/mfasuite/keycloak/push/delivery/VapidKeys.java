package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The application server's P-256 key pair (RFC 8292): it signs the VAPID JWT, and its public key is the
 * {@code applicationServerKey} a browser subscribes with, so a subscription only accepts messages signed by it.
 */
public record VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {

    public static VapidKeys generate() {
        KeyPair pair = P256.generate();
        return new VapidKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    }

    /** The uncompressed public point in base64url: the companion app's {@code applicationServerKey}. */
    public String publicKeyBase64Url() {
        return P256.b64(P256.uncompressed(publicKey));
    }

    /** The PKCS#8 private key in base64url: a secret. */
    public String privateKeyBase64Url() {
        return P256.b64(privateKey.getEncoded());
    }

    /** {@code <base64url PKCS#8 private key>.<base64url uncompressed public point>}. */
    public String encode() {
        return privateKeyBase64Url() + "." + publicKeyBase64Url();
    }

    /** Reads {@link #encode()}'s form; IllegalArgumentException when it is damaged or the halves do not match. */
    public static VapidKeys decode(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("VAPID key is not <pkcs8>.<point>");
        }
        try {
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(P256.unb64(parts[0])));
            VapidKeys keys = new VapidKeys(privateKey, P256.publicKey(P256.unb64(parts[1])));
            if (!keys.verify(SELF_TEST, keys.sign(SELF_TEST))) {
                throw new IllegalArgumentException("VAPID private and public key do not belong together");
            }
            return keys;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("VAPID key is damaged", e);
        }
    }

    private static final byte[] SELF_TEST = "mfa-push vapid".getBytes(StandardCharsets.US_ASCII);

    /** ES256 in JOSE form: R || S, 64 bytes. */
    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    boolean verify(byte[] data, byte[] jose) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initVerify(publicKey);
            signature.update(data);
            return signature.verify(jose);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "VapidKeys[" + publicKeyBase64Url() + "]"; // never the private key
    }
}
