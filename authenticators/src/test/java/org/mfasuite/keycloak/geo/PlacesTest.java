package org.mfasuite.keycloak.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

class PlacesTest {

    private final AtomicInteger lookUps = new AtomicInteger();
    private final PlaceLocator locator = address -> {
        lookUps.incrementAndGet();
        return address.startsWith("192.0.2.") ? new Place("SE", null, null, false) : Place.UNKNOWN;
    };

    /** A request's session: attributes in a map, the given locator as the mfa-geo provider. */
    private static KeycloakSession session(PlaceLocator locator) {
        Map<String, Object> attributes = new HashMap<>();
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (self, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getProvider" -> locator;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anAddressIsPlacedOncePerRequest() {
        KeycloakSession request = session(locator);
        assertNull(Places.placedCountry(request, "192.0.2.1"), "not placed yet: no look-up either");
        assertEquals(0, lookUps.get());

        assertEquals("SE", Places.locate(request, "192.0.2.1").country());
        assertEquals("SE", Places.locate(request, " 192.0.2.1 ").country());
        assertEquals(1, lookUps.get(), "the policies and the risk signals share one look-up");
        assertEquals("SE", Places.placedCountry(request, "192.0.2.1"));

        assertEquals(Place.UNKNOWN, Places.locate(request, "203.0.113.1"));
        assertNull(Places.placedCountry(request, "203.0.113.1"));
        assertEquals("SE", Places.locate(session(locator), "192.0.2.1").country(), "another request looks up again");
        assertEquals(3, lookUps.get());
    }

    @Test
    void noAddressOrNoLocatorIsUnknown() {
        for (String none : List.of("", "  ")) {
            assertEquals(Place.UNKNOWN, Places.locate(session(locator), none));
        }
        assertEquals(Place.UNKNOWN, Places.locate(session(locator), null));
        assertEquals(0, lookUps.get());
        assertEquals(Place.UNKNOWN, Places.locate(session(null), "192.0.2.1"));
    }
}
