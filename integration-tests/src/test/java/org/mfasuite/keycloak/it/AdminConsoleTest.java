package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The admin console's server side: its files at {@code /realms/{realm}/mfa-admin/} (CSP, content types, caching,
 * nothing else of the jar), its client {@code mfa-admin-console} in every realm, and {@code GET …/mfa/me}.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class AdminConsoleTest extends DemoRealmTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak keycloak;

    @InjectRunOnServer(permittedPackages = "org.mfasuite.keycloak.it")
    RunOnServerClient runOnServer;

    private AdminApi admin;

    @BeforeEach
    void api() {
        admin = new AdminApi(realm, urls);
    }

    @Test
    public void indexIsFilledForTheRealmAndNeverStored() {
        HttpResponse<String> index = get("/mfa-admin/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", type(index));
        assertEquals(List.of(CSP), index.headers().allValues("Content-Security-Policy"), "only the console's CSP");
        assertEquals("no-store", index.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(null));
        String html = index.body();
        assertTrue(html.contains("data-realm=\"demo\""), html);
        assertTrue(html.contains("data-server-url=\"" + urls.getBase() + "\""), html);
        assertFalse(html.contains("{{"), "every placeholder filled: " + html);
        assertFalse(html.matches("(?s).*<script>.*") || html.contains(" style="), "no inline script or style");
        // PatternFly 5 from Keycloak's own resources, at this server's resource version
        Matcher css = Pattern.compile("href=\"(/resources/[^/\"]+/common/keycloak/vendor/patternfly-v5/patternfly\\.min\\.css)\"")
                .matcher(html);
        assertTrue(css.find(), html);
        HttpResponse<String> patternfly = HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase() + css.group(1))).GET().build());
        assertEquals(200, patternfly.statusCode(), css.group(1));
        assertTrue(html.contains("lib/keycloak.js?v=25.0.6") && html.contains("lib/echarts.js?v=5.3.1"), html);

        HttpResponse<String> withoutSlash = get("/mfa-admin");
        assertEquals(301, withoutSlash.statusCode());
        assertTrue(withoutSlash.headers().firstValue("Location").orElse("").endsWith("/realms/demo/mfa-admin/"));
    }

    @Test
    public void filesComeWithTheirTypesAndCacheLifetimes() {
        Map<String, String> types = Map.of("/mfa-admin/console.js", "text/javascript; charset=utf-8",
                "/mfa-admin/console.css", "text/css; charset=utf-8",
                "/mfa-admin/i18n/shell.json", "application/json; charset=utf-8",
                "/mfa-admin/lib/keycloak.js", "text/javascript; charset=utf-8",
                "/mfa-admin/lib/echarts.js", "text/javascript; charset=utf-8");
        types.forEach((path, type) -> {
            HttpResponse<String> file = get(path);
            assertEquals(200, file.statusCode(), path);
            assertEquals(type, type(file), path);
            assertEquals(List.of(CSP), file.headers().allValues("Content-Security-Policy"), path);
            String cache = file.headers().firstValue("Cache-Control").orElse("");
            assertEquals(path.contains("/lib/") ? "public, max-age=31536000, immutable" : "no-cache", cache, path);
        });
        assertTrue(get("/mfa-admin/lib/keycloak.js").body().contains("Keycloak"), "keycloak-js UMD build");
        assertTrue(get("/mfa-admin/lib/echarts.js").body().contains("echarts"), "ECharts");
    }

    @Test
    public void unknownFilesAndPathsOutOfTheFolderAre404() {
        for (String path : List.of("/mfa-admin/nope.js", "/mfa-admin/pages/nope.js", "/mfa-admin/index.HTML",
                "/mfa-admin/META-INF/MANIFEST.MF", "/mfa-admin/org/mfasuite/keycloak/console/ConsoleFiles.class",
                "/mfa-admin/%2e%2e/mfa-push-app/index.html", "/mfa-admin/pages/%2e%2e%2fconsole.js",
                "/mfa-admin/lib/..%2f..%2fMETA-INF%2fservices%2forg.keycloak.provider.Spi",
                "/mfa-admin/.hidden.js", "/mfa-admin/theme/x.json", "/mfa-admin/console.js%00.png")) {
            HttpResponse<String> answer = get(path);
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, path + " → " + answer.statusCode());
            assertFalse(answer.body().contains("org.mfasuite") || answer.body().contains("Manifest"), path);
            if (answer.statusCode() == 404 && answer.headers().firstValue("Content-Security-Policy").isPresent()) {
                assertEquals(CSP, answer.headers().firstValue("Content-Security-Policy").get(), path);
            }
        }
        assertEquals(CSP, get("/mfa-admin/nope.js").headers().firstValue("Content-Security-Policy").orElse(null),
                "the console's own 404 carries the CSP too");
    }

    @Test
    public void theImportedRealmHasTheClientOnlyForTheConsolesPath() {
        ClientRepresentation client = consoleClient(realm.admin().toRepresentation().getRealm());
        assertTrue(client.isPublicClient());
        assertTrue(client.isStandardFlowEnabled());
        assertFalse(client.isImplicitFlowEnabled());
        assertFalse(client.isDirectAccessGrantsEnabled());
        assertFalse(client.isServiceAccountsEnabled());
        assertTrue(client.isFullScopeAllowed(), "the admin REST checks the client's scope as well as the user's roles");
        assertEquals("${authBaseUrl}", client.getRootUrl());
        assertEquals("/realms/demo/mfa-admin/", client.getBaseUrl());
        assertEquals(List.of("/realms/demo/mfa-admin/*"), client.getRedirectUris());
        assertEquals(List.of("+"), client.getWebOrigins());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertEquals("true", client.getAttributes().get("client.use.lightweight.access.token.enabled"));
    }

    @Test
    public void aNewRealmGetsTheClientAndAnImportedOneKeepsItsOwn() {
        String created = "console-new-" + System.nanoTime();
        RealmRepresentation fresh = new RealmRepresentation();
        fresh.setRealm(created);
        fresh.setEnabled(true);
        keycloak.realms().create(fresh);
        try {
            assertEquals(List.of("/realms/" + created + "/mfa-admin/*"), consoleClient(created).getRedirectUris());

            // an export brings its own console client: the import keeps it as it is, no second one
            String imported = "console-imported-" + System.nanoTime();
            RealmRepresentation rep = new RealmRepresentation();
            rep.setRealm(imported);
            rep.setEnabled(true);
            ClientRepresentation own = new ClientRepresentation();
            own.setClientId("mfa-admin-console");
            own.setPublicClient(true);
            own.setRedirectUris(List.of("https://console.example.org/*"));
            rep.setClients(List.of(own));
            keycloak.realms().create(rep);
            try {
                assertEquals(List.of("https://console.example.org/*"), consoleClient(imported).getRedirectUris());
            } finally {
                keycloak.realm(imported).remove();
            }
        } finally {
            keycloak.realm(created).remove();
        }
    }

    @Test
    public void theStartUpMoveAddsTheClientWhereItIsMissingAndNeverASecond() {
        String name = "console-move-" + System.nanoTime();
        RealmRepresentation fresh = new RealmRepresentation();
        fresh.setRealm(name);
        fresh.setEnabled(true);
        keycloak.realms().create(fresh);
        try {
            // a realm from before the suite: no console client
            String id = consoleClient(name).getId();
            keycloak.realm(name).clients().get(id).remove();
            assertTrue(keycloak.realm(name).clients().findByClientId("mfa-admin-console").isEmpty());

            runOnServer.run(ConsoleStartup.move());
            runOnServer.run(ConsoleStartup.move());

            assertEquals(1, keycloak.realm(name).clients().findByClientId("mfa-admin-console").size());
            assertEquals(1, realm.admin().clients().findByClientId("mfa-admin-console").size(), "the demo realm keeps one");
            assertEquals(List.of("/realms/" + name + "/mfa-admin/*"), consoleClient(name).getRedirectUris());
        } finally {
            keycloak.realm(name).remove();
        }
    }

    @Test
    public void meTellsWhatTheTokenMayDoInTheRealm() {
        Map<String, Object> helpdesk = me(admin.tokenWithRoles("view-users"));
        assertEquals(Boolean.TRUE, helpdesk.get("viewUsers"));
        assertEquals(Boolean.FALSE, helpdesk.get("manageUsers"));
        assertEquals(Boolean.FALSE, helpdesk.get("viewEvents"));
        assertEquals(Boolean.FALSE, helpdesk.get("viewRealm"));
        assertEquals(Boolean.FALSE, helpdesk.get("manageRealm"));
        assertEquals("demo", helpdesk.get("realm"));
        assertTrue(String.valueOf(helpdesk.get("username")).startsWith("admin-"), helpdesk.toString());

        Map<String, Object> realmAdmin = me(admin.tokenWithRoles("realm-admin"));
        for (String right : List.of("viewUsers", "manageUsers", "viewEvents", "viewRealm", "manageRealm")) {
            assertEquals(Boolean.TRUE, realmAdmin.get(right), right);
        }

        HttpResponse<String> anonymous = HttpCalls.send(HttpRequest.newBuilder(meUri()).GET().build());
        assertEquals(401, anonymous.statusCode());
    }

    private Map<String, Object> me(String token) {
        HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(meUri())
                .header("Authorization", "Bearer " + token).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private URI meUri() {
        return URI.create(urls.getBase() + "/admin/realms/demo/mfa/me");
    }

    private ClientRepresentation consoleClient(String realmName) {
        List<ClientRepresentation> found = keycloak.realm(realmName).clients().findByClientId("mfa-admin-console");
        assertEquals(1, found.size(), "one console client in " + realmName);
        assertNotNull(found.get(0).getId());
        return found.get(0);
    }

    private HttpResponse<String> get(String path) {
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + path)).GET().build());
    }

    private static String type(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .replace(";charset", "; charset");
    }
}
