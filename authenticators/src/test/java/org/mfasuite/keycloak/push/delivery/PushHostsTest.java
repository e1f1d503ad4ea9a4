package org.mfasuite.keycloak.push.delivery;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushHostsTest {

    private final PushHosts wellKnown = PushHosts.of(PushHosts.WELL_KNOWN);

    @Test
    void theWellKnownServicesAreAllowed() {
        assertTrue(wellKnown.allows(URI.create("https://fcm.googleapis.com/fcm/send/x")));
        assertTrue(wellKnown.allows(URI.create("https://updates.push.services.mozilla.com/wpush/v2/x")));
        assertTrue(wellKnown.allows(URI.create("https://web.push.apple.com/x")));
        assertTrue(wellKnown.allows(URI.create("https://wns2-by3p.notify.windows.com/w/?token=x")));
        assertTrue(wellKnown.allows("FCM.googleapis.com."));
    }

    @Test
    void privateLoopbackAndLookAlikeHostsAreNot() {
        for (String host : List.of("127.0.0.1", "localhost", "[::1]", "10.0.0.5", "169.254.169.254", "192.168.1.1",
                "push.apple.com", "evilpush.apple.com", "push.apple.com.evil.example", "googleapis.com",
                "fcm.googleapis.com.evil.example", "")) {
            assertFalse(wellKnown.allows(host), host);
        }
        assertFalse(wellKnown.allows(URI.create("https://127.0.0.1:8443/push")));
        assertFalse(wellKnown.allows((URI) null));
    }

    @Test
    void listedTestHostsAreAllowedAndOnlyExactEntriesCountAsExact() {
        PushHosts hosts = PushHosts.of(List.of("127.0.0.1", "::1", "*.example.net"));

        assertTrue(hosts.allows(URI.create("http://127.0.0.1:8089/push")));
        assertTrue(hosts.allows(URI.create("http://[::1]:8089/push")));
        assertTrue(hosts.listsExactly("127.0.0.1"));
        assertTrue(hosts.allows("a.example.net"));
        assertFalse(hosts.listsExactly("a.example.net"));
        assertFalse(hosts.allows("example.net"));
    }

    @Test
    void entriesAreHostNamesOnly() {
        assertNull(PushHosts.problem("*.push.apple.com"));
        assertNull(PushHosts.problem("10.1.2.3"));
        assertNull(PushHosts.problem("[fe80::1]"));
        assertEquals("an empty host", PushHosts.problem(" "));
        for (String bad : List.of("https://x.example", "x.example:443", "x.example/path", "*.", "a.*.example", "*", "a..b",
                "-a.example", "a_b.example")) {
            assertTrue(PushHosts.problem(bad) != null, bad);
        }
    }
}
