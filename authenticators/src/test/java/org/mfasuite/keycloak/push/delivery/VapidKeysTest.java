package org.mfasuite.keycloak.push.delivery;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VapidKeysTest {

    @Test
    void encodedKeysComeBackAndStillSign() {
        VapidKeys keys = VapidKeys.generate();

        VapidKeys decoded = VapidKeys.decode(keys.encode());

        assertEquals(keys.publicKeyBase64Url(), decoded.publicKeyBase64Url());
        assertArrayEquals(keys.privateKey().getEncoded(), decoded.privateKey().getEncoded());
        byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
        assertTrue(keys.verify(data, decoded.sign(data)));
    }

    @Test
    void publicKeyIsTheUncompressedPointAsApplicationServerKey() {
        byte[] point = P256.unb64(VapidKeys.generate().publicKeyBase64Url());

        assertEquals(65, point.length);
        assertEquals(0x04, point[0]);
    }

    @Test
    void halvesOfDifferentPairsOrDamagedTextAreRefused() {
        VapidKeys a = VapidKeys.generate();
        VapidKeys b = VapidKeys.generate();
        String mixed = a.encode().split("\\.")[0] + "." + b.publicKeyBase64Url();

        assertThrows(IllegalArgumentException.class, () -> VapidKeys.decode(mixed));
        assertThrows(IllegalArgumentException.class, () -> VapidKeys.decode("abc"));
        assertThrows(IllegalArgumentException.class, () -> VapidKeys.decode("abc.def"));
        assertThrows(IllegalArgumentException.class, () -> VapidKeys.decode(null));
    }

    @Test
    void eachPairIsNewAndTheTextNeverShowsThePrivateKey() {
        VapidKeys keys = VapidKeys.generate();

        assertNotEquals(keys.publicKeyBase64Url(), VapidKeys.generate().publicKeyBase64Url());
        assertFalse(keys.toString().contains(keys.encode().split("\\.")[0]));
    }
}
