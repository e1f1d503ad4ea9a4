package org.mfasuite.keycloak.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AppUrlTest {

    @Test
    void anAbsoluteHttpsUrlGivesTheLinkAndTheOrigin() {
        AppUrl app = AppUrl.parse(" https://Push.Example.com:443/app/ ");
        assertNotNull(app);
        assertEquals("https://push.example.com", app.origin(), "host lower case, default port left out: as browsers send it");
        assertEquals("https://push.example.com/app/#enroll=T", app.enrolLink("T"));
        assertEquals("http://127.0.0.2:8081", AppUrl.parse("http://127.0.0.2:8081/app/").origin());
        assertEquals("https://push.example.com/", AppUrl.parse("https://push.example.com").url());
    }

    @Test
    void anythingElseIsNoAppUrlAndNamedAsAProblem() {
        for (String bad : new String[]{"push.example.com/app/", "ftp://push.example.com/", "https://push.example.com/#x",
                "https://user@push.example.com/", "https://push.example.com/?a=b", "javascript:alert(1)", "https:///app/"}) {
            assertNull(AppUrl.parse(bad), bad);
            assertEquals("Companion app URL (app-url) must be an absolute http(s) URL without query, fragment or user info",
                    AppUrl.problem(bad), bad);
        }
        assertNull(AppUrl.parse(""));
        assertNull(AppUrl.problem(null));
        assertEquals(java.util.List.of(), PushSettings.problems(Map.of("app-url", "https://push.example.com/app/")));
    }
}
