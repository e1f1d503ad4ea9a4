package org.mfasuite.keycloak.oath;

import java.util.Arrays;

/**
 * One hardware OATH token as a file describes it, already checked: a serial, who should get it (or nobody: the
 * pool), the label parts and the OATH parameters Keycloak's OTP credential needs. The secret is raw bytes.
 */
public record OathToken(String serial, String upn, String manufacturer, String model, Kind kind, String algorithm,
                        int digits, int period, int counter, byte[] secret) {

    /** RFC 6238 time-based or RFC 4226 counter-based. */
    public enum Kind {
        TOTP, HOTP;

        public String subType() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public OathToken {
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Whether a user is named: otherwise the token goes to the pool. */
    public boolean hasUpn() {
        return upn != null && !upn.isBlank();
    }

    /** The credential label users and admins see: manufacturer, model and serial, neutralised for spreadsheets. */
    public String label() {
        StringBuilder label = new StringBuilder();
        for (String part : new String[] {manufacturer, model}) {
            if (part != null && !part.isBlank()) {
                label.append(part.trim()).append(' ');
            }
        }
        return SafeText.cell(label.append('#').append(serial).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OathToken t && serial.equals(t.serial) && Arrays.equals(secret, t.secret);
    }

    @Override
    public int hashCode() {
        return serial.hashCode();
    }

    @Override
    public String toString() {
        return "OathToken[" + serial + ", " + kind + "]"; // never the secret
    }
}
