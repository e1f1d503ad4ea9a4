package org.mfasuite.keycloak.sms;

import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Parses what people type into E.164. Backed by libphonenumber. */
public final class PhoneNumbers {

    /** Why a number was refused; each has a translated message {@code mfa-phone-<reason>}. */
    public enum Problem { EMPTY, INVALID, MISSING_COUNTRY_CODE, NOT_MOBILE }

    /**
     * The outcome of {@link #parse}: either an E.164 number or a problem.
     *
     * @param landline the number is a fixed line: it can take calls, not texts
     */
    public record Parsed(String e164, Problem problem, boolean landline) {
        Parsed(String e164, Problem problem) {
            this(e164, problem, false);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 64;

    private PhoneNumbers() {
    }

    /**
     * @param input         what the user typed: {@code +46 70-123 45 67}, {@code 0046...}, or a national
     *                      number when {@code defaultRegion} is set
     * @param defaultRegion ISO 3166 region for numbers without a country code, or blank for none
     */
    public static Parsed parse(String input, String defaultRegion) {
        return parse(input, defaultRegion, false);
    }

    /** @param landlines whether fixed-line numbers are accepted (for calls); else only numbers that take texts */
    public static Parsed parse(String input, String defaultRegion, boolean landlines) {
        if (input == null || input.isBlank()) {
            return new Parsed(null, Problem.EMPTY);
        }
        if (input.length() > MAX_INPUT) {
            return new Parsed(null, Problem.INVALID);
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        try {
            String typed = input.trim();
            // "00" is the international prefix in most of the world; without a region libphonenumber needs "+".
            if (typed.startsWith("00")) {
                typed = "+" + typed.substring(2);
            }
            PhoneNumber number = UTIL.parse(typed, region);
            if (!UTIL.isValidNumber(number)) {
                return new Parsed(null, Problem.INVALID);
            }
            PhoneNumberType type = UTIL.getNumberType(number);
            boolean landline = type == PhoneNumberType.FIXED_LINE;
            if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE && !(landline && landlines)) {
                return new Parsed(null, Problem.NOT_MOBILE);
            }
            return new Parsed(UTIL.format(number, PhoneNumberFormat.E164), null, landline);
        } catch (NumberParseException e) {
            // a national number typed without "+country code" deserves its own hint, not "invalid"
            boolean noCountry = e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
                    && !input.trim().startsWith("+") && input.replaceAll("\\D", "").length() >= 7;
            return new Parsed(null, noCountry ? Problem.MISSING_COUNTRY_CODE : Problem.INVALID);
        }
    }

    /** The ISO region a number belongs to ({@code SE} for +46...), or null when it has none. */
    public static String regionOf(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
            return region == null || "ZZ".equals(region) ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Every region libphonenumber knows, sorted: the choices offered to admins. */
    public static List<String> regions() {
        return UTIL.getSupportedRegions().stream().sorted().toList();
    }

    /** Whether {@code region} is a region code libphonenumber knows. */
    public static boolean isRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.trim().toUpperCase(Locale.ROOT));
    }

    /** A mobile number of {@code region} as its people write it ({@code 070-123 45 67}), or null. */
    public static String example(String region) {
        PhoneNumber example = region == null ? null : UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        return example == null ? null : UTIL.format(example, PhoneNumberFormat.NATIONAL);
    }

    /** An E.164 number as people read it: {@code +46 70 123 45 67}. */
    public static String international(String e164) {
        try {
            return UTIL.format(UTIL.parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
