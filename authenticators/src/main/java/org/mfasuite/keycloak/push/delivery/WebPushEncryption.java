package org.mfasuite.keycloak.push.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188): a fresh P-256
 * key pair and salt per message, one record of at most {@link #RECORD_SIZE} bytes, padding delimiter 0x02.
 */
public final class WebPushEncryption {

    public static final int RECORD_SIZE = 4096;
    private static final int TAG = 16;
    private static final int SALT = 16;
    private static final int HEADER = SALT + 4 + 1 + P256.POINT_LENGTH;
    /** RFC 8291 §4: the push service may refuse more than 4096 bytes of body. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER - TAG - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<KeyPair> ephemeralKeys;
    private final Supplier<byte[]> salts;

    public WebPushEncryption() {
        this(P256::generate, () -> {
            byte[] salt = new byte[SALT];
            RANDOM.nextBytes(salt);
            return salt;
        });
    }

    /** For the RFC's test vector: a fixed sender key pair and salt. */
    WebPushEncryption(Supplier<KeyPair> ephemeralKeys, Supplier<byte[]> salts) {
        this.ephemeralKeys = ephemeralKeys;
        this.salts = salts;
    }

    /**
     * @param uaPublic   the subscription's {@code p256dh}: an uncompressed P-256 point
     * @param authSecret the subscription's {@code auth}: 16 bytes
     * @return the request body: header (salt, record size, sender key) and the one encrypted record
     */
    public byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("payload over " + MAX_PLAINTEXT + " bytes");
        }
        if (authSecret.length != 16) {
            throw new IllegalArgumentException("auth secret must be 16 bytes");
        }
        ECPublicKey ua = P256.publicKey(uaPublic);
        KeyPair sender = ephemeralKeys.get();
        byte[] asPublic = P256.uncompressed((ECPublicKey) sender.getPublic());
        byte[] salt = salts.get();
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(sender.getPrivate());
            agreement.doPhase(ua, true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] prkKey = hmac(authSecret, ecdhSecret);
            byte[] ikm = expand(prkKey, concat(ascii("WebPush: info\0"), uaPublic, asPublic), 32);
            byte[] prk = hmac(salt, ikm);
            byte[] cek = expand(prk, ascii("Content-Encoding: aes128gcm\0"), 16);
            byte[] nonce = expand(prk, ascii("Content-Encoding: nonce\0"), 12);

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            byte[] record = gcm.doFinal(concat(plaintext, new byte[] {2})); // 0x02: last record, no padding

            return ByteBuffer.allocate(HEADER + record.length)
                    .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(record)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed", e);
        }
    }

    /** HKDF-Extract (RFC 5869): HMAC-SHA256 keyed with the salt. */
    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** HKDF-Expand for at most one block (32 bytes): T(1) = HMAC(PRK, info || 0x01), cut to {@code length}. */
    static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
