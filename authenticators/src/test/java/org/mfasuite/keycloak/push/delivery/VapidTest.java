package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VapidTest {

    private static final long NOW = 1_700_000_000L;
    private static final Pattern HEADER = Pattern.compile("vapid t=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");

    @Test
    void authorizationCarriesAnEs256JwtForThePushServicesOriginAndThePublicKey() throws Exception {
        VapidKeys keys = VapidKeys.generate();
        String header = Vapid.authorization(keys, URI.create("https://fcm.googleapis.com/fcm/send/abc:def?x=1"),
                "mailto:ops@example.com", NOW);

        Matcher m = HEADER.matcher(header);
        assertTrue(m.matches(), header);
        assertEquals(keys.publicKeyBase64Url(), m.group(2));
        assertArrayEquals(P256.uncompressed(keys.publicKey()), P256.unb64(m.group(2)));

        Jwts jwt = Jwts.verified(m.group(1), P256.publicKey(P256.unb64(m.group(2))), "SHA256withECDSAinP1363Format");
        assertEquals("ES256", jwt.header().get("alg").asText());
        assertEquals("JWT", jwt.header().get("typ").asText());
        assertEquals("https://fcm.googleapis.com", jwt.claims().get("aud").asText());
        assertEquals("mailto:ops@example.com", jwt.claims().get("sub").asText());
        assertEquals(NOW + 12 * 3600, jwt.claims().get("exp").asLong());
        assertEquals(3, jwt.claims().size(), "aud, exp, sub and nothing else");
        assertEquals(64, P256.unb64(m.group(1).split("\\.")[2]).length, "JOSE R||S, not DER");
    }

    @Test
    void audienceIsTheOriginWithANonDefaultPortOnly() {
        assertEquals("https://updates.push.services.mozilla.com",
                Vapid.audience(URI.create("https://updates.push.services.mozilla.com/wpush/v2/gAAAA")));
        assertEquals("https://web.push.apple.com", Vapid.audience(URI.create("https://Web.Push.Apple.com:443/QGu")));
        assertEquals("http://127.0.0.1:8089", Vapid.audience(URI.create("http://127.0.0.1:8089/push/1")));
    }

    @Test
    void aSignatureFromAnotherKeyDoesNotVerify() {
        VapidKeys keys = VapidKeys.generate();
        String jwt = Vapid.jwt(keys, "https://fcm.googleapis.com", "mailto:a@b.c", NOW);

        assertThrows(AssertionError.class,
                () -> Jwts.verified(jwt, VapidKeys.generate().publicKey(), "SHA256withECDSAinP1363Format"));
    }
}
