package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading phone CSV files as spreadsheets and MFA Server write them. */
class PhoneCsvTest {

    @Test
    void ourColumnsWithCommas() {
        PhoneFile file = PhoneCsv.parse("username,phone,alternate_phone,office_phone,default_method\n"
                + "anna,+46 70 123 45 67,,+46 8 12 34 56,voice\n");
        assertNull(file.error());
        PhoneRow row = file.rows().get(0);
        assertEquals(1, row.row());
        assertEquals("anna", row.user());
        assertEquals(List.of(new PhoneRow.Number("phone", "+46 70 123 45 67", null),
                new PhoneRow.Number("office_phone", "+46 8 12 34 56", null)), row.numbers());
        assertEquals("voice", row.defaultMethod());
    }

    @Test
    void semicolonsQuotesBomAndCrlfAsAGermanSpreadsheetSavesThem() {
        PhoneFile file = PhoneCsv.parse("\uFEFFEmail;Phone;Default Method\r\n"
                + "\"bo@example.org\";\"+49 1512 3456789\";\"sms\"\r\n"
                + "\"x;y\"\"z\";\"+46 70\n123 45 67\";\r\n");
        assertNull(file.error());
        assertEquals(2, file.rows().size());
        assertEquals("bo@example.org", file.rows().get(0).user());
        assertEquals("+49 1512 3456789", file.rows().get(0).numbers().get(0).raw());
        assertEquals("x;y\"z", file.rows().get(1).user());
        assertEquals("+46 70\n123 45 67", file.rows().get(1).numbers().get(0).raw());
    }

    @Test
    void mfaServerHeaderNamesAndTheCountryCodeColumn() {
        PhoneFile file = PhoneCsv.parse("Username,Country Code,Phone,Extension,Alternate Phone,Office Phone,Method,Enabled\n"
                + "anna,46,070-123 45 67,,,08-12 34 56,Text Message,TRUE\n");
        PhoneRow row = file.rows().get(0);
        assertNull(row.problem());
        assertEquals("SE", row.numbers().get(0).region());
        assertEquals("office_phone", row.numbers().get(1).column());
        assertEquals("Text Message", row.defaultMethod());
        assertEquals("SE", PhoneCsv.region("+46"));
        assertNull(PhoneCsv.region("999"));
    }

    @Test
    void aSpreadsheetSafeReportCellReadsAsTheNumberAgain() {
        PhoneFile file = PhoneCsv.parse("username,phone\nanna,'+46701234567\n");
        assertEquals("+46701234567", file.rows().get(0).numbers().get(0).raw());
    }

    @Test
    void filesWithoutTheColumnsAreRefusedAndRowsWithoutAUserAreMarked() {
        assertEquals("bad-header", PhoneCsv.parse("name,number\nanna,+46701234567\n").error().reason());
        assertEquals("bad-header", PhoneCsv.parse("username,enabled\nanna,true\n").error().reason());
        assertEquals("empty-file", PhoneCsv.parse("").error().reason());
        assertEquals("malformed-file", PhoneCsv.parse("username,phone\n\"anna,+46\n").error().reason());
        PhoneFile file = PhoneCsv.parse("username,phone\n,+46701234567\n\nbo,+46701234568\n");
        assertEquals(2, file.rows().size());
        assertEquals("malformed", file.rows().get(0).problem().reason());
        assertEquals(3, file.rows().get(1).row());
    }

    @Test
    void tooManyRowsIsRefusedWhole() {
        StringBuilder csv = new StringBuilder("username,phone\n");
        for (int i = 0; i <= PhoneFile.MAX_ROWS; i++) {
            csv.append("u").append(i).append(",+46701234567\n");
        }
        assertEquals("too-many-rows", PhoneCsv.parse(csv.toString()).error().reason());
    }

    @Test
    void theSeparatorIsTheHeaderLinesMostFrequentOne() {
        assertEquals(';', PhoneCsv.separator("a;b;\"c,d,e\"\n1,2,3"));
        assertEquals(',', PhoneCsv.separator("a,b\n"));
        assertEquals('\t', PhoneCsv.separator("a\tb\tc\n"));
    }

    @Test
    void tooManyFieldsOrATooLongFieldRefusesTheFile() {
        PhoneFile wide = PhoneCsv.parse("username,phone\r\nanna," + ",".repeat(PhoneCsv.MAX_COLUMNS) + "\r\n");
        assertEquals("malformed-file", wide.error().reason());
        assertEquals("Line 2 has more than 64 fields.", wide.error().message());
        PhoneFile lng = PhoneCsv.parse("username,phone\r\nanna,\"" + "1".repeat(PhoneCsv.MAX_CELL + 1) + "\"\r\n");
        assertEquals("Line 2 has a field longer than 1024 characters.", lng.error().message());
        assertNull(PhoneCsv.parse("username,phone\r\nanna," + "1".repeat(PhoneCsv.MAX_CELL) + "\r\n").error());
    }

    @Test
    void aBadCountryCodeIsQuotedNeutralised() {
        PhoneFile file = PhoneCsv.parse("username;phone;country_code\r\nanna;0701234567;=cmd()\r\n");
        assertEquals("The country code is not one: '=cmd().", file.rows().get(0).problem().message());
    }
}
