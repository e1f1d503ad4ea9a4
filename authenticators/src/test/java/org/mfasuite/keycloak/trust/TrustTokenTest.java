package org.mfasuite.keycloak.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustTokenTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID = "3f2b9c1e-7d4a-4e8b-9a61-0c5d2e7f8a90";

    @Test
    void secretsHold256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = TrustToken.newSecret(RANDOM);
            assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
            assertTrue(seen.add(secret));
        }
    }

    @Test
    void aCookieValueParsesBackToItsToken() {
        TrustToken token = new TrustToken(ID, TrustToken.newSecret(RANDOM));
        assertEquals(token, TrustToken.parse(token.cookieValue()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "id.short", "id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "a b.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.x"})
    void malformedValuesNameNoToken(String value) {
        assertNull(TrustToken.parse(value));
    }

    @Test
    void nullNamesNoToken() {
        assertNull(TrustToken.parse(null));
    }

    @Test
    void onlyTheHashIsKeptAndOnlyTheSameSecretMatchesIt() {
        String secret = TrustToken.newSecret(RANDOM);
        String stored = TrustToken.hash(secret);
        assertNotEquals(secret, stored);
        assertEquals(43, stored.length(), "base64url of SHA-256");
        assertTrue(new TrustToken(ID, secret).matches(stored));
        assertFalse(new TrustToken(ID, TrustToken.newSecret(RANDOM)).matches(stored));
        assertFalse(new TrustToken(ID, secret).matches(null));
        assertFalse(new TrustToken(ID, secret).matches(""));
    }

    @Test
    void theSecretNeverShowsInToString() {
        String secret = TrustToken.newSecret(RANDOM);
        assertFalse(new TrustToken(ID, secret).toString().contains(secret));
    }
}
