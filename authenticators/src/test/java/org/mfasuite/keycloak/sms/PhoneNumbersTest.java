package org.mfasuite.keycloak.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mfasuite.keycloak.sms.PhoneNumbers.Problem;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "'+46 70-123 45 67', '', +46701234567",
            "'0046701234567', SE, +46701234567",
            "'0046 70 123 45 67', '', +46701234567",
            "'070 123 45 67', SE, +46701234567",
            "'+31 6 12345678', '', +31612345678",
            "'+49 151 23456789', '', +4915123456789",
            "'+1 (201) 555-0123', '', +12015550123",
    })
    void normalisesWhatPeopleTypeToE164(String typed, String region, String e164) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(typed, region);
        assertTrue(parsed.ok(), typed + " -> " + parsed.problem());
        assertEquals(e164, parsed.e164());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+46 70", "hello", "+999 1234567", "<script>alert(1)</script>"})
    void refusesWhatIsNotAPhoneNumber(String typed) {
        assertEquals(Problem.INVALID, PhoneNumbers.parse(typed, "").problem(), typed);
    }

    @Test
    void refusesEmptyAndOverlongInput() {
        assertEquals(Problem.EMPTY, PhoneNumbers.parse("  ", "").problem());
        assertEquals(Problem.EMPTY, PhoneNumbers.parse(null, "").problem());
        assertEquals(Problem.INVALID, PhoneNumbers.parse("+46" + "7".repeat(100), "").problem());
    }

    @Test
    void aNationalNumberWithoutARegionAsksForTheCountryCode() {
        assertEquals(Problem.MISSING_COUNTRY_CODE, PhoneNumbers.parse("070 123 45 67", "").problem());
        assertEquals("+46701234567", PhoneNumbers.parse("070 123 45 67", "SE").e164());
    }

    @Test
    void showsNumbersAsPeopleReadThem() {
        assertEquals("+46 70 123 45 67", PhoneNumbers.international("+46701234567"));
    }

    @Test
    void refusesLandlinesForSms() {
        assertEquals(Problem.NOT_MOBILE, PhoneNumbers.parse("+46 8 123 456 78", "").problem());
    }

    @Test
    void acceptsLandlinesForCallsWhenAllowedAndSaysSo() {
        PhoneNumbers.Parsed landline = PhoneNumbers.parse("08-123 456 78", "SE", true);
        assertTrue(landline.ok(), String.valueOf(landline.problem()));
        assertEquals("+46812345678", landline.e164());
        assertTrue(landline.landline());
        PhoneNumbers.Parsed mobile = PhoneNumbers.parse("070 123 45 67", "SE", true);
        assertEquals("+46701234567", mobile.e164());
        assertEquals(false, mobile.landline());
        assertEquals(Problem.NOT_MOBILE, PhoneNumbers.parse("08-123 456 78", "SE", false).problem());
    }
}
