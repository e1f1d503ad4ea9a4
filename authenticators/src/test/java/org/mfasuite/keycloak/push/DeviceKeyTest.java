package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class DeviceKeyTest {

    /** RFC 7515 Appendix A.3: the ES256 example key and its signed example. */
    static final String X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    static final String Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    static final String RFC7515_A3 = "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    @Test
    void verifiesTheRfc7515Example() {
        DeviceKey key = DeviceKey.of(X, Y);
        String[] parts = RFC7515_A3.split("\\.");
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertTrue(key.verifies(input, signature));
        signature[5] ^= 1;
        assertFalse(key.verifies(input, signature));
        assertFalse(key.verifies(input, new byte[63]), "not 64 bytes");
    }

    @Test
    void thumbprintFollowsRfc7638() {
        // SHA-256 of {"crv":"P-256","kty":"EC","x":"…","y":"…"}, computed independently
        assertEquals("oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U", DeviceKey.of(X, Y).thumbprint());
    }

    @Test
    void refusesWhatIsNotAPublicP256Key() throws Exception {
        assertThrows(DeviceApiException.class, () -> DeviceKey.fromJwk(JsonSerialization.mapper.readTree(
                "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}")));
        assertThrows(DeviceApiException.class, () -> DeviceKey.fromJwk(JsonSerialization.mapper.readTree(
                "{\"kty\":\"RSA\",\"n\":\"abc\",\"e\":\"AQAB\"}")));
        DeviceApiException privateKey = assertThrows(DeviceApiException.class, () -> DeviceKey.fromJwk(JsonSerialization.mapper.readTree(
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}")));
        assertEquals("invalid_request", privateKey.error());
        assertThrows(DeviceApiException.class, () -> DeviceKey.of(X, X), "a point off the curve");
        assertThrows(DeviceApiException.class, () -> DeviceKey.of("short", Y));
        assertThrows(DeviceApiException.class, () -> DeviceKey.fromJwk(null));
    }

    @Test
    void roundTripsItsJwk() {
        DeviceKey key = DeviceKey.of(X, Y);
        assertEquals(key.thumbprint(), DeviceKey.of(key.toJwk().get("x"), key.toJwk().get("y")).thumbprint());
    }
}
