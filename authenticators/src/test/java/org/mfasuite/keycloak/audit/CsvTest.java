package org.mfasuite.keycloak.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainCellsStayAsTheyAre() {
        assertEquals("alice", Csv.cell("alice"));
        assertEquals("", Csv.cell(null));
        assertEquals("", Csv.cell(""));
        assertEquals("203.0.113.9", Csv.cell("203.0.113.9"));
    }

    @Test
    void rfc4180QuotesCommasQuotesAndLineBreaks() {
        assertEquals("\"Andersson, Alice\"", Csv.cell("Andersson, Alice"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("a,\"b,c\",\r\n", Csv.line(Arrays.asList("a", "b,c", null)));
    }

    @Test
    void formulaStartsAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'=1+2,3\"", Csv.cell("=1+2,3"));
        assertEquals("'+46 70•••••67", Csv.cell("+46 70•••••67"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", Csv.cell("\tx"), "a tab is quoted too");
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
        assertEquals("a=b", Csv.cell("a=b"), "only a leading sign is dangerous");
    }

    @Test
    void theLogFileHasAHeaderAndIsoTimes() {
        String csv = SignInCsv.of(List.of(new SignInRow(0, "e1", null, "alice", "Alice A", "alice@example.org",
                "+46 70•••••67", "sms", "failure", "wrong_code", "invalid_user_credentials", "kc-1", "203.0.113.9",
                "account-console", "7KQ2-MX9D", null, null, null)));
        assertTrue(csv.startsWith(Csv.BOM + "time,username,name,email,device,method,result,reason,node,ipAddress,client,userId,reference,risk,riskSignals\r\n"), csv);
        assertTrue(csv.endsWith("1970-01-01T00:00:00Z,alice,Alice A,alice@example.org,'+46 70•••••67,sms,failure,"
                + "wrong_code,kc-1,203.0.113.9,account-console,,7KQ2-MX9D,,\r\n"), csv);
    }

    @Test
    void semicolonsAndTabsAreQuotedSoASemicolonSpreadsheetKeepsOneCell() {
        assertEquals("\"a;=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("a;=HYPERLINK(\"http://x\")"));
        assertEquals("\"a\t=1+2\"", Csv.cell("a\t=1+2"));
        assertEquals("\"x;y\",b\r\n", Csv.line(List.of("x;y", "b")));
    }
}
