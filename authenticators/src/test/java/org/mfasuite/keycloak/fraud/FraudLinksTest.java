package org.mfasuite.keycloak.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.challenge.RequestScopedStore;

class FraudLinksTest {

    private static final FraudLinks.Link LINK = new FraudLinks.Link("r1", "u1", "sms", "7KQ2-MX9D", "203.0.113.9",
            "app", 1000, 1000 + 3600);

    @Test
    void aLinkNamesItsSignInAndCanBeReadUntilItIsTaken() {
        RequestScopedStore store = new RequestScopedStore();
        String token = new FraudLinks(store).store(LINK);
        store = store.nextRequest();
        assertEquals(LINK, new FraudLinks(store).peek("r1", token, 2000));
        assertEquals(LINK, new FraudLinks(store).peek("r1", token, 2000), "reading leaves the link");
        assertEquals(LINK, new FraudLinks(store).claim("r1", token, 2000));
        assertNull(new FraudLinks(store.nextRequest()).claim("r1", token, 2000), "single use");
        assertNull(new FraudLinks(store.nextRequest()).peek("r1", token, 2000));
    }

    @Test
    void anExpiredLinkOrOneOfAnotherRealmDoesNothing() {
        RequestScopedStore store = new RequestScopedStore();
        String token = new FraudLinks(store).store(LINK);
        store = store.nextRequest();
        assertNull(new FraudLinks(store).peek("r2", token, 2000));
        assertNull(new FraudLinks(store).claim("r1", token, 1000 + 3600));
    }

    @Test
    void tokensAreLongRandomAndCheckedBeforeAnyLookup() {
        String token = FraudLinks.newToken();
        assertEquals(13, token.length(), "13 characters of 32: 65 bits");
        assertTrue(FraudLinks.wellFormed(token));
        assertNotEquals(token, FraudLinks.newToken());
        assertFalse(FraudLinks.wellFormed("../../admin00"));
        assertFalse(FraudLinks.wellFormed(token.toUpperCase()));
        assertFalse(FraudLinks.wellFormed(null));
    }
}
