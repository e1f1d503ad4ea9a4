package org.mfasuite.keycloak.gateway;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** The one way the suite shows a phone number in pages, events and logs: masked. */
public final class PhoneMask {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneMask() {
    }

    /**
     * Masks an E.164 number for display: country code, first two and last two digits stay, e.g.
     * {@code +46701234567} becomes {@code +46 70•••••67}.
     */
    public static String mask(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, "ZZ");
            String national = UTIL.getNationalSignificantNumber(number);
            String countryCode = "+" + number.getCountryCode();
            if (national.length() <= 4) {
                return countryCode + " " + "•".repeat(national.length());
            }
            return countryCode + " " + national.substring(0, 2) + "•".repeat(national.length() - 4)
                    + national.substring(national.length() - 2);
        } catch (NumberParseException e) {
            return "•".repeat(Math.max(0, e164.length() - 2)) + e164.substring(Math.max(0, e164.length() - 2));
        }
    }
}
