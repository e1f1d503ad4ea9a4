package org.mfasuite.keycloak.oath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6030's own examples (Figures 2–7, 10) and hostile XML. */
class PskcParserTest {

    private static final String PRE_SHARED_KEY = "12345678901234567890123456789012";

    @Test
    void figure2sFourByteSecretIsTooShortForRfc4226() {
        TokenFile file = PskcParser.parse(Fixtures.bytes("rfc6030-figure2.xml"), PskcKeys.NONE);
        assertNull(file.error());
        TokenRow row = file.rows().get(0);
        assertEquals("12345678", row.serial(), "no DeviceInfo: the Key Id names the token");
        assertEquals("secret-too-short", row.problem().reason());
    }

    @Test
    void figure3GivesAnEightDigitHotpTokenForJsmith() {
        TokenRow row = PskcParser.parse(Fixtures.bytes("rfc6030-figure3.xml"), PskcKeys.NONE).rows().get(0);
        assertTrue(row.isOk(), String.valueOf(row.problem()));
        OathToken token = row.token();
        assertEquals("987654321", token.serial());
        assertEquals("Manufacturer", token.manufacturer());
        assertEquals("jsmith", token.upn(), "the Key's UserId DN wins over the device's, and its UID is the name");
        assertEquals(OathToken.Kind.HOTP, token.kind());
        assertEquals(8, token.digits());
        assertEquals(0, token.counter());
        assertEquals("HmacSHA1", token.algorithm());
        assertArrayEquals(Fixtures.RFC_SECRET, token.secret());
    }

    @Test
    void figure5sPinKeyIsNotAnOtpToken() {
        List<TokenRow> rows = PskcParser.parse(Fixtures.bytes("rfc6030-figure5.xml"), PskcKeys.NONE).rows();
        assertTrue(rows.get(0).isOk());
        assertEquals("not-an-otp-key", rows.get(1).problem().reason());
    }

    @Test
    void figure6DecryptsWithThePreSharedKeyAndChecksTheMac() {
        TokenRow row = PskcParser.parse(Fixtures.bytes("rfc6030-figure6.xml"), PskcKeys.of(PRE_SHARED_KEY, null))
                .rows().get(0);
        assertTrue(row.isOk(), String.valueOf(row.problem()));
        assertArrayEquals(Fixtures.RFC_SECRET, row.token().secret());
        assertEquals(8, row.token().digits());
        assertEquals("Manufacturer #987654321", row.token().label());
    }

    @Test
    void figure6WithoutAKeyAsksForOne() {
        TokenRow row = PskcParser.parse(Fixtures.bytes("rfc6030-figure6.xml"), PskcKeys.NONE).rows().get(0);
        assertEquals("key-required", row.problem().reason());
    }

    @Test
    void figure6WithAWrongKeyIsRefused() {
        TokenFile file = PskcParser.parse(Fixtures.bytes("rfc6030-figure6.xml"),
                PskcKeys.of("00112233445566778899aabbccddeeff", null));
        assertEquals("decryption-failed", file.error() != null ? file.error().reason()
                : file.rows().get(0).problem().reason());
    }

    @Test
    void figure6WithAnAlteredCiphertextFailsTheMac() {
        String xml = Fixtures.text("rfc6030-figure6.xml")
                .replace("AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv",
                        "AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGw");
        TokenRow row = PskcParser.parse(xml.getBytes(StandardCharsets.UTF_8), PskcKeys.of(PRE_SHARED_KEY, null))
                .rows().get(0);
        assertEquals("mac-mismatch", row.problem().reason());
    }

    @Test
    void anEncryptedSecretWithoutAMacIsRefusedUnlessTheRequestAllowsIt() {
        String xml = Fixtures.text("rfc6030-figure6.xml")
                .replaceAll("(?s)<MACMethod.*</MACMethod>", "")
                .replaceAll("(?s)<ValueMAC>.*</ValueMAC>", "");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        TokenRow refused = PskcParser.parse(bytes, PskcKeys.of(PRE_SHARED_KEY, null)).rows().get(0);
        assertEquals("mac-missing", refused.problem().reason());
        assertTrue(refused.problem().message().contains("allow-unauthenticated=true"), refused.problem().message());

        TokenRow allowed = PskcParser.parse(bytes, PskcKeys.of(PRE_SHARED_KEY, null, true)).rows().get(0);
        assertTrue(allowed.isOk(), String.valueOf(allowed.problem()));
        assertArrayEquals(Fixtures.RFC_SECRET, allowed.token().secret());
    }

    @Test
    void figure7DerivesTheKeyFromThePasswordWithPbkdf2() throws Exception {
        assertEquals("651e63cd57008476af1ff6422cd02e41", HexFormat.of().formatHex(PskcCrypto.pbkdf2(
                "qwerty".toCharArray(), java.util.Base64.getDecoder().decode("Ej7/PEpyEpw="), 1000, 16, null)));
        TokenRow row = PskcParser.parse(Fixtures.bytes("rfc6030-figure7.xml"), PskcKeys.of(null, "qwerty"))
                .rows().get(0);
        assertTrue(row.isOk(), String.valueOf(row.problem()));
        assertArrayEquals(Fixtures.RFC_SECRET, row.token().secret());
        assertEquals("TokenVendorAcme", row.token().manufacturer());
        assertEquals("987654321", row.token().serial());
    }

    @Test
    void figure7WithAWrongPasswordIsRefused() {
        TokenFile file = PskcParser.parse(Fixtures.bytes("rfc6030-figure7.xml"), PskcKeys.of(null, "azerty"));
        assertEquals("decryption-failed", file.error().reason());
    }

    @Test
    void figure10sBulkFileHoldsFourKeysAndOneSerialTwice() {
        List<TokenRow> rows = PskcParser.parse(Fixtures.bytes("rfc6030-figure10.xml"), PskcKeys.NONE).rows();
        assertEquals(List.of("654321", "123456", "9999999", "9999999"), rows.stream().map(TokenRow::serial).toList());
        assertTrue(rows.stream().allMatch(TokenRow::isOk));
    }

    @Test
    void totpWithSha256SuiteAndSixtySeconds() {
        String xml = """
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                  <KeyPackage>
                    <DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>T-256</SerialNo><Model>C200</Model></DeviceInfo>
                    <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">
                      <AlgorithmParameters><Suite>HMAC-SHA256</Suite><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
                      <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=</PlainValue></Secret>
                        <TimeInterval><PlainValue>60</PlainValue></TimeInterval></Data>
                    </Key>
                  </KeyPackage>
                </KeyContainer>""";
        OathToken token = PskcParser.parse(xml.getBytes(StandardCharsets.UTF_8), PskcKeys.NONE).rows().get(0).token();
        assertEquals(OathToken.Kind.TOTP, token.kind());
        assertEquals("HmacSHA256", token.algorithm());
        assertEquals(60, token.period());
        assertEquals("Acme C200 #T-256", token.label());
        assertEquals(32, token.secret().length);
    }

    @Test
    void xxeIsRefusedBeforeAnyEntityIsResolved() {
        TokenFile file = PskcParser.parse(Fixtures.bytes("xxe.xml"), PskcKeys.NONE);
        assertEquals("xml-doctype", file.error().reason());
        assertTrue(file.rows().isEmpty());
        assertFalse(file.error().message().contains("root:"), "nothing of /etc/passwd");
    }

    @Test
    void billionLaughsIsRefusedWithoutExpansion() {
        long start = System.nanoTime();
        TokenFile file = PskcParser.parse(Fixtures.bytes("billion-laughs.xml"), PskcKeys.NONE);
        assertEquals("xml-doctype", file.error().reason());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused at once");
    }

    @Test
    void malformedXmlAndOtherRootsAreReported() {
        assertEquals("xml-malformed", PskcParser.parse("<KeyContainer><oops".getBytes(StandardCharsets.UTF_8),
                PskcKeys.NONE).error().reason());
        assertEquals("pskc-root", PskcParser.parse("<html/>".getBytes(StandardCharsets.UTF_8),
                PskcKeys.NONE).error().reason());
    }

    @Test
    void badBase64AndInjectedSerialsAreRowProblems() {
        String xml = """
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                  <KeyPackage><DeviceInfo><SerialNo>B64</SerialNo></DeviceInfo>
                    <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                      <Data><Secret><PlainValue>not*base64!</PlainValue></Secret></Data></Key></KeyPackage>
                  <KeyPackage><DeviceInfo><SerialNo>=HYPERLINK("http://evil")</SerialNo></DeviceInfo>
                    <Key Id="2" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                      <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data></Key></KeyPackage>
                </KeyContainer>""";
        List<TokenRow> rows = PskcParser.parse(xml.getBytes(StandardCharsets.UTF_8), PskcKeys.NONE).rows();
        assertEquals("bad-secret", rows.get(0).problem().reason());
        assertEquals("bad-serial", rows.get(1).problem().reason());
    }

    @Test
    void keysFromTheRequestAreChecked() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PskcKeys.of("xyz", null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PskcKeys.of("0011", null));
    }

    @Test
    void theShippedExampleFileImports() throws Exception {
        byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../realm-export/oath-tokens-example.pskc.xml"));
        TokenRow row = PskcParser.parse(example, PskcKeys.of(null, "qwerty")).rows().get(0);
        assertTrue(row.isOk(), String.valueOf(row.problem()));
        assertEquals("DEMO-HOTP-0001", row.serial());
    }
}
