package org.mfasuite.keycloak.oath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Entra ID / MFA Server CSV and what goes wrong in it. */
class CsvTokenParserTest {

    private static final String HEADER = "upn,serial number,secret key,time interval,manufacturer,model\n";
    /** base32 of RFC 6238's SHA1 secret "12345678901234567890". */
    private static final String RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void entraRowsBecomeSixDigitSha1TotpTokens() {
        TokenFile file = CsvTokenParser.parse(HEADER
                + "alice@contoso.com,1234567,GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ,60,Contoso,HardwareKey\r\n"
                + ",7654321," + RFC_BASE32.toLowerCase() + ",30,Contoso,HardwareKey\n");
        assertNull(file.error());
        OathToken first = file.rows().get(0).token();
        assertEquals(2, file.rows().get(0).row(), "rows count like a spreadsheet: the header is row 1");
        assertEquals("alice@contoso.com", first.upn());
        assertEquals(OathToken.Kind.TOTP, first.kind());
        assertEquals(60, first.period());
        assertEquals(6, first.digits());
        assertEquals("HmacSHA1", first.algorithm());
        assertArrayEquals(Fixtures.RFC_SECRET, first.secret());
        assertEquals("Contoso HardwareKey #1234567", first.label());
        OathToken second = file.rows().get(1).token();
        assertEquals(null, second.upn(), "no upn: the pool");
        assertEquals(30, second.period());
    }

    @Test
    void headerColumnsMayComeInAnyOrderWithOptionalAlgorithmAndDigits() {
        TokenFile file = CsvTokenParser.parse("\uFEFFSerial Number,UPN,Secret Key,Time Interval,Manufacturer,Model,Algorithm,Digits\n"
                + "S-1,bob,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====,30,Acme,\"Model, \"\"X\"\"\",SHA256,8\n");
        OathToken token = file.rows().get(0).token();
        assertEquals("HmacSHA256", token.algorithm());
        assertEquals(8, token.digits());
        assertEquals("Model, \"X\"", token.model());
        assertEquals(32, token.secret().length);
    }

    @Test
    void aSemicolonSeparatedFileAsSwedishOrGermanSpreadsheetsSaveItImports() {
        TokenFile file = CsvTokenParser.parse("\uFEFFupn;serial number;secret key;time interval;manufacturer;model\r\n"
                + "alice@contoso.com;1234567;" + RFC_BASE32 + ";30;\"Contoso; Ltd\";HardwareKey\r\n");
        assertNull(file.error(), String.valueOf(file.error()));
        OathToken token = file.rows().get(0).token();
        assertEquals("alice@contoso.com", token.upn());
        assertEquals("Contoso; Ltd", token.manufacturer(), "a quoted field keeps its semicolon");
        assertEquals(30, token.period());
        assertArrayEquals(Fixtures.RFC_SECRET, token.secret());
    }

    @Test
    void aWrongHeaderRefusesTheFile() {
        TokenFile file = CsvTokenParser.parse("user,serial,secret\nalice,1," + RFC_BASE32 + "\n");
        assertEquals("csv-header", file.error().reason());
        assertTrue(file.error().message().contains("serial number"));
        assertEquals("csv-empty", CsvTokenParser.parse("").error().reason());
        assertEquals("csv-malformed", CsvTokenParser.parse(HEADER + "\"unterminated,1,2,30,a,b\n").error().reason());
    }

    @Test
    void badRowsSayWhy() {
        List<TokenRow> rows = CsvTokenParser.parse(HEADER
                + "a,S1,GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ,30,M,X\n"   // 1 is not base32
                + "a,S2,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ,30,M,X\n"    // impossible length
                + "a,S3,GEZDGNBVGY3TQOJQ,30,M,X\n"                   // 80 bits
                + "a,S4," + RFC_BASE32 + ",45,M,X\n"
                + "a,,"   + RFC_BASE32 + ",30,M,X\n"
                + "a,-S6," + RFC_BASE32 + ",30,M,X\n"
                + "a,S7," + RFC_BASE32 + ",30,M,X,MD5\n").rows();
        assertEquals(List.of("bad-secret", "bad-secret", "secret-too-short", "bad-interval", "bad-serial", "bad-serial"),
                rows.subList(0, 6).stream().map(r -> r.problem().reason()).toList());
        assertTrue(rows.get(6).isOk(), "columns beyond the header are ignored");
    }

    @Test
    void formulasInLabelsAreNeutralised() {
        OathToken token = CsvTokenParser.parse(HEADER + "a,S1," + RFC_BASE32
                + ",30,=HYPERLINK(\"http://evil\"),+cmd|' /C calc'!A0\n").rows().get(0).token();
        assertTrue(token.label().startsWith("'=HYPERLINK"), token.label());
        assertEquals("'@SUM(A1)", SafeText.cell("@SUM(A1)"));
        assertEquals("'-2+3", SafeText.cell("-2+3"));
        assertEquals("'+1", SafeText.cell("\t+1"));
        assertEquals("ab", SafeText.cell("a\u0000b"));
        assertEquals(SafeText.MAX_LENGTH, SafeText.cell("x".repeat(500)).length());
    }

    @Test
    void blankLinesAreSkipped() {
        assertEquals(1, CsvTokenParser.parse(HEADER + "\n,,,,,\na,S1," + RFC_BASE32 + ",30,M,X\n\n").rows().size());
    }

    @Test
    void theShippedExampleFileImports() throws Exception {
        TokenFile file = CsvTokenParser.parse(java.nio.file.Files.readString(
                java.nio.file.Path.of("../realm-export/oath-tokens-example.csv")));
        assertEquals(3, file.rows().size());
        assertTrue(file.rows().stream().allMatch(TokenRow::isOk));
    }
}
