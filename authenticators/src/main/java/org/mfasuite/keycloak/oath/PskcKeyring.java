package org.mfasuite.keycloak.oath;

import static org.mfasuite.keycloak.oath.PskcXml.base64;
import static org.mfasuite.keycloak.oath.PskcXml.child;
import static org.mfasuite.keycloak.oath.PskcXml.integer;
import static org.mfasuite.keycloak.oath.PskcXml.text;

import java.security.GeneralSecurityException;

import org.w3c.dom.Element;

/**
 * The keys of one PSKC container (RFC 6030 section 6): the encryption key — the admin's pre-shared key (6.1) or
 * one PBKDF2 derives from the admin's password (6.2) — and the MAC key, itself encrypted under it (6.1.1).
 */
final class PskcKeyring {

    private final byte[] encryptionKey;
    private final String macAlgorithm;
    private final byte[] macKey;
    private final boolean allowUnauthenticated;

    private PskcKeyring(byte[] encryptionKey, String macAlgorithm, byte[] macKey, boolean allowUnauthenticated) {
        this.encryptionKey = encryptionKey;
        this.macAlgorithm = macAlgorithm;
        this.macKey = macKey;
        this.allowUnauthenticated = allowUnauthenticated;
    }

    static PskcKeyring of(Element container, PskcKeys keys) throws PskcProblem {
        byte[] encryptionKey = encryptionKey(container, keys);
        Element macMethod = child(container, "MACMethod");
        return new PskcKeyring(encryptionKey, macMethod == null ? null : macMethod.getAttribute("Algorithm"),
                macMethod == null ? null : macKey(macMethod, encryptionKey), keys.allowUnauthenticated());
    }

    /** A Secret element's bytes: plain, or decrypted after its ValueMAC is checked. */
    byte[] secret(Element secret) throws PskcProblem {
        if (secret == null) {
            throw new PskcProblem("no-secret", "The key carries no Secret (derived keys are not supported).");
        }
        String plain = text(secret, "PlainValue");
        if (!plain.isEmpty()) {
            return base64(plain, "the PlainValue");
        }
        Element encrypted = child(secret, "EncryptedValue");
        if (encrypted == null) {
            throw new PskcProblem("no-secret", "The Secret has neither PlainValue nor EncryptedValue.");
        }
        if (encryptionKey == null) {
            throw new PskcProblem("key-required",
                    "The secret is encrypted: send the pre-shared key or the password with the file.");
        }
        byte[] value = base64(text(child(encrypted, "CipherData"), "CipherValue"), "the CipherValue");
        String mac = text(secret, "ValueMAC");
        try {
            if (macKey != null) {
                if (mac.isEmpty() || !PskcCrypto.macMatches(macAlgorithm, macKey, value, base64(mac, "the ValueMAC"))) {
                    throw new PskcProblem("mac-mismatch",
                            "The secret's ValueMAC does not match: the file was altered or the key is wrong.");
                }
            } else if (!mac.isEmpty()) {
                throw new PskcProblem("mac-mismatch", "The secret has a ValueMAC but the file no MACMethod.");
            } else if (!allowUnauthenticated) {
                throw new PskcProblem("mac-missing", "The secret is encrypted without a MAC (no MACMethod with a "
                        + "MACKey, no ValueMAC): nothing shows it was not altered. Ask the vendor for a file with "
                        + "MACs, or import with allow-unauthenticated=true.");
            }
            return PskcCrypto.decrypt(child(encrypted, "EncryptionMethod") == null ? null
                    : child(encrypted, "EncryptionMethod").getAttribute("Algorithm"), encryptionKey, value);
        } catch (GeneralSecurityException e) {
            throw new PskcProblem("decryption-failed", "The secret cannot be decrypted: " + SafeText.cell(e.getMessage()));
        }
    }

    /** The key that encrypts secrets: the admin's pre-shared key, or one PBKDF2 derives from the password. */
    private static byte[] encryptionKey(Element root, PskcKeys keys) throws PskcProblem {
        Element encryption = child(root, "EncryptionKey");
        if (encryption == null) {
            return null;
        }
        Element derived = child(encryption, "DerivedKey");
        if (derived == null) {
            return keys.preSharedKey();
        }
        Element method = child(derived, "KeyDerivationMethod");
        if (method == null || !PskcCrypto.PBKDF2.equals(method.getAttribute("Algorithm"))) {
            throw new PskcProblem("unsupported-derivation", "Only PBKDF2 key derivation is supported.");
        }
        if (keys.password() == null) {
            return null; // reported per secret: "key-required"
        }
        Element params = child(method, "PBKDF2-params");
        byte[] salt = base64(text(child(params, "Salt"), "Specified"), "the PBKDF2 salt");
        Element prf = child(params, "PRF");
        try {
            return PskcCrypto.pbkdf2(keys.password(), salt, integer(text(params, "IterationCount"), -1),
                    integer(text(params, "KeyLength"), 16), prf == null ? null : prf.getAttribute("Algorithm"));
        } catch (GeneralSecurityException e) {
            throw new PskcProblem("unsupported-derivation", "PBKDF2: " + SafeText.cell(e.getMessage()));
        }
    }

    /** The MAC key of section 6.1.1, encrypted like the secrets. */
    private static byte[] macKey(Element macMethod, byte[] encryptionKey) throws PskcProblem {
        Element macKey = child(macMethod, "MACKey");
        if (macKey == null || encryptionKey == null) {
            return null;
        }
        Element method = child(macKey, "EncryptionMethod");
        try {
            return PskcCrypto.decrypt(method == null ? null : method.getAttribute("Algorithm"), encryptionKey,
                    base64(text(child(macKey, "CipherData"), "CipherValue"), "the MACKey"));
        } catch (GeneralSecurityException e) {
            throw new PskcProblem("decryption-failed",
                    "The MAC key cannot be decrypted: the pre-shared key or password is wrong.");
        }
    }
}
