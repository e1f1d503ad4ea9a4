package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The demo's commands exactly as the README gives them, against the demo realm as shipped and a server
 * started as {@code run-demo.sh} starts it ({@code --proxy-headers=xforwarded}, plain http): the requests
 * carry only the headers the README's {@code curl} lines carry, in particular no {@code X-Forwarded-Proto}.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class DemoCommandsTest extends DemoRealmTest {

    static final String OFFICE = "198.51.100.7";
    static final String OUTSIDE = "203.0.113.9";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    /** {@code curl … -H 'X-Forwarded-For: 198.51.100.7' -d username=sam -d password=sam …}: from the office, the password alone. */
    @Test
    public void samFromTheOfficeSignsInWithThePasswordOverPlainHttp() {
        HttpResponse<String> response = mailServerGrant("sam", "sam", OFFICE);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(HttpCalls.json(response).containsKey("access_token"), response.body());
    }

    /** README: from outside the office {@code curl … -d username=sam -d password=sam …} → 400 and the sentence naming the policy. */
    @Test
    public void samFromOutsideIsToldToUseAnAppPassword() {
        for (String address : new String[] {null, OUTSIDE}) {
            HttpResponse<String> response = mailServerGrant("sam", "sam", address);
            assertEquals(400, response.statusCode(), response.body());
            Map<String, Object> json = HttpCalls.json(response);
            assertEquals("invalid_grant", json.get("error"), response.body());
            assertTrue(String.valueOf(json.get("error_description"))
                    .startsWith("A second factor is required for this sign-in (policy: staff need mfa)."), response.body());
        }
    }

    /** README: {@code curl -d grant_type=password -d client_id=legacy-reports -d username=alice -d password=alice …} → access_denied. */
    @Test
    public void legacyReportsIsBlocked() {
        HttpResponse<String> response = HttpCalls.send(tokenRequest(null, Map.of("grant_type", "password",
                "client_id", "legacy-reports", "username", "alice", "password", "alice")));
        assertEquals("access_denied", HttpCalls.json(response).get("error"), response.body());
    }

    /** The browser story: a browser whose requests carry {@code X-Forwarded-For: 198.51.100.7} signs sam in with the password alone. */
    @Test
    public void samFromTheOfficeSignsInToTheAccountConsoleWithThePasswordAlone() throws Exception {
        HttpClient browser = HttpClient.newHttpClient();
        String auth = urls.getBase() + "/realms/demo/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&redirect_uri=" + URLEncoder.encode(urls.getBase() + "/realms/demo/account/", StandardCharsets.UTF_8);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(auth))
                .header("X-Forwarded-For", OFFICE).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("HTTPS required"), page.body());
        // the cookies the sign-in page set, sent back as a browser does
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        assertTrue(action.find(), page.body());

        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("X-Forwarded-For", OFFICE)
                .header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(Map.of("username", "sam", "password", "sam"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(FormPost.signsIn(signedIn), signedIn.statusCode() + " " + signedIn.body());
    }

    private HttpResponse<String> mailServerGrant(String username, String password, String address) {
        return HttpCalls.send(tokenRequest(address, Map.of("grant_type", "password", "client_id", "mail-server",
                "client_secret", "mail-server-demo-secret", "username", username, "password", password)));
    }

    private HttpRequest tokenRequest(String forwardedFor, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(form)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }
}
