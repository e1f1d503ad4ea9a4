package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DpopProofTest {

    static final String URL = "https://id.example.org/realms/demo/mfa-push/devices/abc/challenges";
    static final long NOW = 1_800_000_000L;
    final TestDevice device = new TestDevice();
    final Set<String> seen = new HashSet<>();
    final DpopProof.ReplayGuard replay = (key, lifespan) -> seen.add(key);

    private void verify(String proof, String method, String url) {
        DpopProof.verify(proof, method, URI.create(url), device.key().thumbprint(), NOW, replay);
    }

    private DeviceApiException refused(String proof) {
        DeviceApiException e = assertThrows(DeviceApiException.class, () -> verify(proof, "GET", URL));
        assertEquals(401, e.status());
        assertEquals("invalid_dpop_proof", e.error());
        return e;
    }

    @Test
    void aFreshProofByTheDevicesKeyPassesOnce() {
        String proof = device.proof("GET", URL, NOW, "jti-0123456789abcdef");
        assertDoesNotThrow(() -> verify(proof, "GET", URL));
        assertTrue(refused(proof).getMessage().contains("used before"));
    }

    @Test
    void oldFutureAndBorderlineProofs() {
        refused(device.proof("GET", URL, NOW - 61, "jti-old-0123456789"));
        refused(device.proof("GET", URL, NOW + 11, "jti-future-01234567"));
        assertDoesNotThrow(() -> verify(device.proof("GET", URL, NOW - 60, "jti-edge-0123456789"), "GET", URL));
        assertDoesNotThrow(() -> verify(device.proof("GET", URL, NOW + 10, "jti-skew-0123456789"), "GET", URL));
    }

    @Test
    void methodAndUrlMustMatch() {
        refused(device.proof("POST", URL, NOW, "jti-method-01234567"));
        refused(device.proof("GET", URL.replace("abc", "abd"), NOW, "jti-path-0123456789"));
        refused(device.proof("GET", URL.replace("https", "http"), NOW, "jti-scheme-01234567"));
        // RFC 9449: query and fragment do not count; default ports and host case neither
        assertDoesNotThrow(() -> verify(device.proof("GET", URL.replace("id.example.org", "ID.example.org:443"), NOW,
                "jti-port-0123456789"), "GET", URL + "?x=1"));
    }

    @Test
    void anotherKeyOrAnAlteredProofIsRefused() {
        TestDevice other = new TestDevice();
        refused(other.proof("GET", URL, NOW, "jti-other-012345678"));
        String proof = device.proof("GET", URL, NOW, "jti-alter-012345678");
        String[] parts = proof.split("\\.");
        String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"jti\":\"jti-alter-012345678\",\"htm\":\"GET\",\"htu\":\"" + URL + "\",\"iat\":" + (NOW + 1) + "}").getBytes())
                + "." + parts[2];
        refused(altered);
        assertFalse(seen.contains("mfa-push:dpop:" + device.key().thumbprint() + ":jti-alter-012345678"),
                "a refused proof does not use up its jti");
    }

    @Test
    void malformedProofs() {
        refused(null);
        refused("a.b");
        refused("not.a.jws");
        refused(device.sign(Map.of("typ", "JWT", "alg", "ES256", "jwk", device.jwk()),
                Map.of("jti", "jti-typ-01234567890", "htm", "GET", "htu", URL, "iat", NOW)));
        refused(device.sign(Map.of("typ", "dpop+jwt", "alg", "none", "jwk", device.jwk()),
                Map.of("jti", "jti-alg-01234567890", "htm", "GET", "htu", URL, "iat", NOW)));
        refused(device.sign(Map.of("typ", "dpop+jwt", "alg", "ES256"),
                Map.of("jti", "jti-nojwk-012345678", "htm", "GET", "htu", URL, "iat", NOW)));
        refused(device.proof("GET", URL, NOW, "short"));
        refused("x".repeat(CompactJws.MAX_LENGTH + 1));
    }
}
