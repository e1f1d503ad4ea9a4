package org.mfasuite.keycloak.oath;

import static org.mfasuite.keycloak.oath.PskcXml.child;
import static org.mfasuite.keycloak.oath.PskcXml.children;
import static org.mfasuite.keycloak.oath.PskcXml.integer;
import static org.mfasuite.keycloak.oath.PskcXml.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
        PskcKeyring keyring;
        try {
            keyring = PskcKeyring.of(root, keys);
        } catch (PskcProblem e) {
            return TokenFile.failed("pskc", e.reason(), e.getMessage());
        }
        List<TokenRow> rows = new ArrayList<>();
        int number = 0;
        for (Element keyPackage : children(root, "KeyPackage")) {
            number++;
            rows.add(row(number, keyPackage, keyring));
        }
        if (rows.isEmpty()) {
            return TokenFile.failed("pskc", "pskc-empty", "The file holds no KeyPackage.");
        }
        return TokenFile.of("pskc", rows);
    }

    private static TokenRow row(int number, Element keyPackage, PskcKeyring keyring) {
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
            secret = keyring.secret(child(data, "Secret"));
        } catch (PskcProblem e) {
            return TokenRow.bad(number, serial, upn, new TokenRow.Problem(e.reason(), e.getMessage()));
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
}
