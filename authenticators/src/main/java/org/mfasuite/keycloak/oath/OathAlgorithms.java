package org.mfasuite.keycloak.oath;

import java.util.Locale;

/** The HMAC names Keycloak's OTP credential understands ({@code HmacOTP}), from what files write. */
final class OathAlgorithms {

    static final String SHA1 = "HmacSHA1";

    private OathAlgorithms() {
    }

    /** "SHA1", "HMAC-SHA256", "sha512", "" (= SHA1) … to Keycloak's name, or null when unsupported. */
    static String hmac(String text) {
        String t = text == null ? "" : text.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").trim();
        if (t.isEmpty() || t.equals("SHA1") || t.equals("HMACSHA1")) {
            return SHA1;
        }
        if (t.equals("SHA256") || t.equals("HMACSHA256")) {
            return "HmacSHA256";
        }
        if (t.equals("SHA512") || t.equals("HMACSHA512")) {
            return "HmacSHA512";
        }
        return null;
    }
}
