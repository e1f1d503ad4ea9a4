package org.mfasuite.keycloak.gateway;

/** Hides the middle of a phone number for log lines: {@code +46701234567} becomes {@code +4670•••••67}. */
final class PhoneMask {

    private static final int KEEP_START = 5;
    private static final int KEEP_END = 2;

    private PhoneMask() {
    }

    static String mask(String number) {
        if (number == null) {
            return null;
        }
        int length = number.length();
        if (length <= KEEP_START + KEEP_END) {
            // too short to show both ends without revealing nearly all of it
            return "•".repeat(length);
        }
        return number.substring(0, KEEP_START) + "•".repeat(length - KEEP_START - KEEP_END)
                + number.substring(length - KEEP_END);
    }
}
