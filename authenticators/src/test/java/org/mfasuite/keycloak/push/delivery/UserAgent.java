package org.mfasuite.keycloak.push.delivery;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.mfasuite.keycloak.push.delivery.WebPushEncryption.ascii;
import static org.mfasuite.keycloak.push.delivery.WebPushEncryption.concat;
import static org.mfasuite.keycloak.push.delivery.WebPushEncryption.expand;
import static org.mfasuite.keycloak.push.delivery.WebPushEncryption.hmac;

/** The browser's side of RFC 8291: a subscription's key pair and auth secret, and decryption of what arrives. */
final class UserAgent {

    final PrivateKey privateKey;
    final byte[] publicKey;
    final byte[] authSecret;

    UserAgent(PrivateKey privateKey, byte[] publicKey, byte[] authSecret) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.authSecret = authSecret;
    }

    static UserAgent fresh() {
        KeyPair pair = P256.generate();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return new UserAgent(pair.getPrivate(), P256.uncompressed((ECPublicKey) pair.getPublic()), auth);
    }

    PushTarget subscription(String endpoint) {
        return PushTarget.webPush(endpoint, P256.b64(publicKey), P256.b64(authSecret));
    }

    /** Decrypts an aes128gcm body as RFC 8188/8291 say a receiver does; fails on any damage. */
    byte[] decrypt(byte[] body) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] asPublic = new byte[in.get() & 0xff];
        in.get(asPublic);
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (record.length > recordSize) {
            throw new IllegalStateException("record over rs");
        }
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(privateKey);
        agreement.doPhase(P256.publicKey(asPublic), true);
        byte[] prkKey = hmac(authSecret, agreement.generateSecret());
        byte[] ikm = expand(prkKey, concat(ascii("WebPush: info\0"), publicKey, asPublic), 32);
        byte[] prk = hmac(salt, ikm);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(expand(prk, ascii("Content-Encoding: aes128gcm\0"), 16), "AES"),
                new GCMParameterSpec(128, expand(prk, ascii("Content-Encoding: nonce\0"), 12)));
        byte[] padded = gcm.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new IllegalStateException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }
}
