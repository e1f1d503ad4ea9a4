package org.mfasuite.keycloak.oath;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * PSKC (RFC 6030) key containers: plain secrets, secrets encrypted with a pre-shared AES key (section 6.1) or a
 * PBKDF2-derived key (section 6.2), each checked against its ValueMAC. HOTP and TOTP keys become tokens; other
 * keys (PIN, OCRA, …) are reported, not imported. Elements are matched by local name, so draft-era files with
 * another namespace prefix read the same.
 */
public final class PskcParser {

    private PskcParser() {
    }

    public static TokenFile parse(byte[] xml, PskcKeys keys) {
        Document doc;
        try {
            doc = SecureXml.parse(xml);
        } catch (Exception e) {
            String text = String.valueOf(e.getMessage());
            if (text.contains("DOCTYPE")) {
                return TokenFile.failed("pskc", "xml-doctype",
                        "The file declares a DOCTYPE; PSKC needs none and DTDs are refused (XXE, entity expansion).");
            }
            return TokenFile.failed("pskc", "xml-malformed", "The file is not well-formed XML: " + SafeText.cell(text));
        }
        Element root = doc.getDocumentElement();
        if (!"KeyContainer".equals(root.getLocalName())) {
            return TokenFile.failed("pskc", "pskc-root", "The file is not a PSKC KeyContainer.");
        }
        byte[] encryptionKey;
        byte[] macKey;
        String macAlgorithm;
        try {
            encryptionKey = encryptionKey(root, keys);
            Element macMethod = child(root, "MACMethod");
            macAlgorithm = macMethod == null ? null : macMethod.getAttribute("Algorithm");
            macKey = macMethod == null ? null : macKey(macMethod, encryptionKey);
        } catch (KeyProblem e) {
            return TokenFile.failed("pskc", e.reason, e.getMessage());
        }
        List<TokenRow> rows = new ArrayList<>();
        int number = 0;
        for (Element keyPackage : children(root, "KeyPackage")) {
            number++;
            rows.add(row(number, keyPackage, encryptionKey, macAlgorithm, macKey));
        }
        if (rows.isEmpty()) {
            return TokenFile.failed("pskc", "pskc-empty", "The file holds no KeyPackage.");
        }
        return TokenFile.of("pskc", rows);
    }

    private static TokenRow row(int number, Element keyPackage, byte[] encryptionKey, String macAlgorithm,
                                byte[] macKey) {
        Element device = child(keyPackage, "DeviceInfo");
        Element key = child(keyPackage, "Key");
        String serial = text(device, "SerialNo");
        if (serial.isEmpty() && key != null) {
            serial = key.getAttribute("Id").trim();
        }
        String upn = userId(text(key, "UserId").isEmpty() ? text(device, "UserId") : text(key, "UserId"));
        if (!SafeText.isSerial(serial)) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-serial",
                    "The SerialNo must be 1 to 64 letters, digits or . _ : - and start with a letter or digit."));
        }
        if (key == null) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("no-key", "The KeyPackage holds no Key."));
        }
        String uri = key.getAttribute("Algorithm").toLowerCase(Locale.ROOT);
        OathToken.Kind kind = uri.endsWith(":hotp") || uri.endsWith("#hotp") ? OathToken.Kind.HOTP
                : uri.endsWith(":totp") || uri.endsWith("#totp") ? OathToken.Kind.TOTP : null;
        if (kind == null) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("not-an-otp-key",
                    "The key's algorithm " + SafeText.cell(key.getAttribute("Algorithm")) + " is not HOTP or TOTP."));
        }
        Element params = child(key, "AlgorithmParameters");
        Element format = child(params, "ResponseFormat");
        int digits = format == null ? 6 : integer(format.getAttribute("Length"), -1);
        if (digits < 6 || digits > 8) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-digits",
                    "The ResponseFormat Length must be 6 to 8 digits."));
        }
        if (format != null && !format.getAttribute("Encoding").isEmpty()
                && !"DECIMAL".equalsIgnoreCase(format.getAttribute("Encoding"))) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-encoding",
                    "Only DECIMAL responses are supported."));
        }
        String algorithm = OathAlgorithms.hmac(text(params, "Suite"));
        if (algorithm == null) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-algorithm",
                    "The Suite must name SHA1, SHA256 or SHA512."));
        }
        Element data = child(key, "Data");
        byte[] secret;
        try {
            secret = secret(child(data, "Secret"), encryptionKey, macAlgorithm, macKey);
        } catch (KeyProblem e) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem(e.reason, e.getMessage()));
        }
        TokenRow.Problem size = CsvTokenParser.secretSize(secret);
        if (size != null) {
            return TokenRow.bad(number, serial, upn, size);
        }
        int counter = integer(text(child(data, "Counter"), "PlainValue"), 0);
        int period = integer(text(child(data, "TimeInterval"), "PlainValue"), 30);
        if (counter < 0 || period < 1 || period > 300) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem("bad-counter-or-interval",
                    "The Counter must be a non-negative number and the TimeInterval 1 to 300 seconds."));
        }
        return TokenRow.ok(number, new OathToken(serial, upn, text(device, "Manufacturer"), text(device, "Model"),
                kind, algorithm, digits, kind == OathToken.Kind.TOTP ? period : 0,
                kind == OathToken.Kind.HOTP ? counter : 0, secret));
    }

    private static byte[] secret(Element secret, byte[] encryptionKey, String macAlgorithm, byte[] macKey)
            throws KeyProblem {
        if (secret == null) {
            throw new KeyProblem("no-secret", "The key carries no Secret (derived keys are not supported).");
        }
        String plain = text(secret, "PlainValue");
        if (!plain.isEmpty()) {
            return base64(plain, "the PlainValue");
        }
        Element encrypted = child(secret, "EncryptedValue");
        if (encrypted == null) {
            throw new KeyProblem("no-secret", "The Secret has neither PlainValue nor EncryptedValue.");
        }
        if (encryptionKey == null) {
            throw new KeyProblem("key-required",
                    "The secret is encrypted: send the pre-shared key or the password with the file.");
        }
        byte[] value = base64(text(child(encrypted, "CipherData"), "CipherValue"), "the CipherValue");
        String mac = text(secret, "ValueMAC");
        try {
            if (macKey != null) {
                if (mac.isEmpty() || !PskcCrypto.macMatches(macAlgorithm, macKey, value, base64(mac, "the ValueMAC"))) {
                    throw new KeyProblem("mac-mismatch",
                            "The secret's ValueMAC does not match: the file was altered or the key is wrong.");
                }
            } else if (!mac.isEmpty()) {
                throw new KeyProblem("mac-mismatch", "The secret has a ValueMAC but the file no MACMethod.");
            }
            return PskcCrypto.decrypt(child(encrypted, "EncryptionMethod") == null ? null
                    : child(encrypted, "EncryptionMethod").getAttribute("Algorithm"), encryptionKey, value);
        } catch (GeneralSecurityException e) {
            throw new KeyProblem("decryption-failed", "The secret cannot be decrypted: " + SafeText.cell(e.getMessage()));
        }
    }

    /** The key that encrypts secrets: the admin's pre-shared key, or one PBKDF2 derives from the password. */
    private static byte[] encryptionKey(Element root, PskcKeys keys) throws KeyProblem {
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
            throw new KeyProblem("unsupported-derivation", "Only PBKDF2 key derivation is supported.");
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
            throw new KeyProblem("unsupported-derivation", "PBKDF2: " + SafeText.cell(e.getMessage()));
        }
    }

    /** The MAC key of section 6.1.1, encrypted like the secrets. */
    private static byte[] macKey(Element macMethod, byte[] encryptionKey) throws KeyProblem {
        Element macKey = child(macMethod, "MACKey");
        if (macKey == null || encryptionKey == null) {
            return null;
        }
        Element method = child(macKey, "EncryptionMethod");
        try {
            return PskcCrypto.decrypt(method == null ? null : method.getAttribute("Algorithm"), encryptionKey,
                    base64(text(child(macKey, "CipherData"), "CipherValue"), "the MACKey"));
        } catch (GeneralSecurityException e) {
            throw new KeyProblem("decryption-failed",
                    "The MAC key cannot be decrypted: the pre-shared key or password is wrong.");
        }
    }

    /** A PSKC UserId may be an LDAP DN ({@code UID=jsmith,DC=example,DC=net}): the first RDN's value then. */
    static String userId(String text) {
        if (text.isEmpty()) {
            return null;
        }
        int eq = text.indexOf('=');
        if (eq > 0 && text.indexOf(',') > eq) {
            return text.substring(eq + 1, text.indexOf(',')).trim();
        }
        return text;
    }

    private static byte[] base64(String text, String what) throws KeyProblem {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", "").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new KeyProblem("bad-secret", SafeText.cell(what) + " is not base64.");
        }
    }

    private static int integer(String text, int otherwise) {
        try {
            return text == null || text.isBlank() ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? "" : e.getTextContent().trim();
    }

    /** Why a key or secret cannot be read, with a reason code for the report. */
    private static final class KeyProblem extends Exception {
        private final String reason;

        KeyProblem(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
