package org.mfasuite.keycloak.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which files the console serves, how long they are cached, and how index.html is filled. */
class ConsoleFilesTest {

    @Test
    void onlyNamesOfTheConsolesFoldersWithAKnownTypeAreServed() {
        assertEquals("text/html; charset=utf-8", ConsoleFiles.type("index.html"));
        assertEquals("text/javascript; charset=utf-8", ConsoleFiles.type("pages/sign-ins.js"));
        assertEquals("application/json; charset=utf-8", ConsoleFiles.type("i18n/shell.json"));
        assertEquals("text/javascript; charset=utf-8", ConsoleFiles.type("lib/keycloak.js"));
        for (String refused : List.of("", "..", "../index.html", "pages/../console.js", "pages/x/y.js", "lib/..%2fx.js",
                "META-INF/MANIFEST.MF", "org/mfasuite/keycloak/console/ConsoleFiles.class", ".hidden.js",
                "Index.html", "console.exe", "theme/login.ftl", "pages//x.js", "/etc/passwd", "console.js\u0000.png")) {
            assertNull(ConsoleFiles.type(refused), refused);
            assertNull(ConsoleFiles.read(refused), refused);
        }
    }

    @Test
    void theShippedFilesAndBothLibrariesAreInTheJar() {
        for (String file : List.of("index.html", "console.js", "console.css", "i18n/shell.json", "pages/tokens.js",
                "i18n/tokens.json", "lib/keycloak.js", "lib/echarts.js")) {
            assertNotNull(ConsoleFiles.read(file), file);
        }
        assertNull(ConsoleFiles.read("pages/none.js"));
    }

    @Test
    void theIndexIsNeverStoredTheLibrariesAYearTheRestRevalidated() {
        assertEquals("no-store", ConsoleFiles.cacheControl("index.html"));
        assertEquals("public, max-age=31536000, immutable", ConsoleFiles.cacheControl("lib/echarts.js"));
        assertEquals("no-cache", ConsoleFiles.cacheControl("console.js"));
        assertEquals("no-cache", ConsoleFiles.cacheControl("i18n/shell.json"));
    }

    @Test
    void placeholdersAreFilledEscapedAndUnderTheServersPath() {
        String page = IndexPage.render("<body data-realm=\"{{realm}}\" data-server-url=\"{{serverUrl}}\">"
                + "<link href=\"{{patternfly}}\"><script src=\"lib/keycloak.js?v={{keycloakJsVersion}}\">",
                "a\"<b>&'", "https://sso.example.org/auth", "abc12");
        assertTrue(page.contains("data-realm=\"a&quot;&lt;b&gt;&amp;&apos;\""), page);
        assertTrue(page.contains("data-server-url=\"https://sso.example.org/auth\""), page);
        assertTrue(page.contains("href=\"/auth/resources/abc12/common/keycloak/vendor/patternfly-v5/patternfly.min.css\""), page);
        assertTrue(page.contains("keycloak.js?v=25.0.6"), page);
        assertFalse(page.contains("{{"), page);
        assertEquals("", IndexPage.pathOf("http://localhost:8080"));
        assertEquals("", IndexPage.pathOf("http://localhost:8080/"));
        assertEquals("/auth", IndexPage.pathOf("https://sso.example.org/auth/"));
    }
}
