package org.mfasuite.keycloak.oath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.Base32;

/** RFC 4648's test vectors, strictness, and agreement with Keycloak's own decoder. */
class Base32SecretTest {

    @Test
    void rfc4648Vectors() {
        String[][] vectors = {{"f", "MY======"}, {"fo", "MZXQ===="}, {"foo", "MZXW6==="}, {"foob", "MZXW6YQ="},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI======"}};
        for (String[] v : vectors) {
            assertArrayEquals(v[0].getBytes(StandardCharsets.US_ASCII), Base32Secret.decode(v[1]), v[1]);
            assertEquals(v[1].replace("=", ""), Base32Secret.encode(v[0].getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void keycloakDecodesWhatWeEncode() {
        byte[] secret = new byte[64];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 37 + 11);
        }
        assertArrayEquals(secret, Base32.decode(Base32Secret.encode(secret)));
    }

    @Test
    void refusesWhatNoEncoderWrites() {
        assertThrows(IllegalArgumentException.class, () -> Base32Secret.decode("MZXW6Y0B"));
        assertThrows(IllegalArgumentException.class, () -> Base32Secret.decode("MZX"));
        assertThrows(IllegalArgumentException.class, () -> Base32Secret.decode("MZ"), "non-zero trailing bits");
        assertThrows(IllegalArgumentException.class, () -> Base32Secret.decode(" = "));
    }
}
