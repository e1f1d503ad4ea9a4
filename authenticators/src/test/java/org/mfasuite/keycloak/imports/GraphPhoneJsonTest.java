package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Microsoft Graph's phone methods, one user per object. */
class GraphPhoneJsonTest {

    @Test
    void anArrayOfUsersWithGraphsPhoneMethods() {
        PhoneFile file = GraphPhoneJson.parse("""
                [{"userPrincipalName": "anna@example.org",
                  "phoneMethods": [{"id": "3179e48a", "phoneNumber": "+46 701234567", "phoneType": "mobile",
                                    "smsSignInState": "notAllowedByPolicy"},
                                   {"phoneNumber": "+46 8123456x12", "phoneType": "office"},
                                   {"phoneNumber": "+46 701234568", "phoneType": "alternateMobile"}],
                  "signInPreferences": {"userPreferredMethodForSecondaryAuthentication": "voiceOffice"}}]""");
        assertNull(file.error());
        assertEquals("graph-json", file.format());
        PhoneRow row = file.rows().get(0);
        assertEquals("anna@example.org", row.user());
        assertEquals(List.of("phone", "office_phone", "alternate_phone"),
                row.numbers().stream().map(PhoneRow.Number::column).toList());
        assertEquals("+46 8123456", row.numbers().get(1).raw());
        assertEquals("voiceOffice", row.defaultMethod());
    }

    @Test
    void graphsValueEnvelopesAreAcceptedAtBothLevels() {
        PhoneFile file = GraphPhoneJson.parse("""
                {"value": [{"mail": "bo@example.org", "defaultMethod": "sms",
                            "phoneMethods": {"@odata.context": "x", "value": [{"phoneNumber": "+1 2065555555", "phoneType": "mobile"}]}}]}""");
        PhoneRow row = file.rows().get(0);
        assertEquals("bo@example.org", row.user());
        assertEquals("+1 2065555555", row.numbers().get(0).raw());
        assertEquals("sms", row.defaultMethod());
    }

    @Test
    void brokenEntriesAreRowProblemsAndBrokenFilesAreRefused() {
        assertEquals("malformed-file", GraphPhoneJson.parse("{nope").error().reason());
        assertEquals("malformed-file", GraphPhoneJson.parse("42").error().reason());
        PhoneFile file = GraphPhoneJson.parse("""
                [{"phoneMethods": []}, {"userPrincipalName": "a", "phoneMethods": [{"phoneNumber": "1", "phoneType": "pager"}]}, 7]""");
        assertEquals(List.of("malformed", "malformed", "malformed"),
                file.rows().stream().map(r -> r.problem().reason()).toList());
        assertEquals(List.of(1, 2, 3), file.rows().stream().map(PhoneRow::row).toList());
    }

    @Test
    void theExtensionIsStrippedWithoutARegularExpression() {
        assertEquals("+46 8123456", GraphPhoneJson.withoutExtension("+46 8123456 x 12 "));
        assertEquals("+46 8123456", GraphPhoneJson.withoutExtension("+46 8123456X12"));
        assertEquals("+46 8123456", GraphPhoneJson.withoutExtension("+46 8123456"));
        assertEquals("", GraphPhoneJson.withoutExtension("x12"));
        assertEquals("", GraphPhoneJson.withoutExtension(" x12"));
        assertEquals("+46 81234 y12", GraphPhoneJson.withoutExtension("+46 81234 y12"));
        assertEquals("1" + " ".repeat(1000) + "1", GraphPhoneJson.withoutExtension("1" + " ".repeat(1000) + "1"));
    }

    @Test
    void aHugeNumberIsMalformedBeforeAnyParsing() {
        long start = System.nanoTime();
        PhoneFile file = GraphPhoneJson.parse("[{\"userPrincipalName\": \"anna@example.org\", \"phoneMethods\": "
                + "[{\"phoneNumber\": \"1" + " ".repeat(1_000_000) + "1\", \"phoneType\": \"mobile\"}]}]");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "linear, not quadratic");
        assertNull(file.error());
        assertEquals("malformed", file.rows().get(0).problem().reason());
    }

    @Test
    void theArrayIsStreamedAndReadingStopsBeyondTheRowLimit() {
        StringBuilder big = new StringBuilder("{\"value\": [");
        for (int i = 0; i <= PhoneFile.MAX_ROWS; i++) {
            big.append(i == 0 ? "" : ",").append("{}");
        }
        big.append(", this is no longer JSON");
        assertEquals("too-many-rows", GraphPhoneJson.parse(big.toString()).error().reason());
        assertEquals("malformed-file", GraphPhoneJson.parse("[{\"userPrincipalName\": \"a\"}, ").error().reason());
        assertEquals("malformed-file", GraphPhoneJson.parse("\"text\"").error().reason());
        PhoneFile envelope = GraphPhoneJson.parse("{\"@odata.context\": \"x\", \"value\": [{\"userPrincipalName\": \"a\"},"
                + " {\"userPrincipalName\": \"b\"}], \"@odata.nextLink\": \"y\"}");
        assertEquals(List.of("a", "b"), envelope.rows().stream().map(PhoneRow::user).toList());
        PhoneFile one = GraphPhoneJson.parse("{\"userPrincipalName\": \"c\", \"phoneMethods\": {\"value\": "
                + "[{\"phoneNumber\": \"+46 701234567\", \"phoneType\": \"mobile\"}]}}");
        assertEquals("c", one.rows().get(0).user());
        assertEquals(1, one.rows().get(0).numbers().size());
    }
}
