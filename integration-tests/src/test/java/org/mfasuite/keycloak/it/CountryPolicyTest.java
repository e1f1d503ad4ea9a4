package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;

/**
 * Named locations: policies with {@code countries} / {@code excluded-countries}, the country placed by the
 * {@code maxmind} provider from the demo's generated database (MfaServerConfig: 192.0.2.x SE, 198.51.100.x US,
 * 203.0.113.x NL). Client addresses come from X-Forwarded-For; sign-ins are direct grants of alice (no group), so
 * only the demo's "block legacy-reports" policy, pointed at this test's client, decides.
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class CountryPolicyTest extends DemoRealmTest {

    private static final String POLICY = "block legacy-reports";
    private static final String SWEDEN = "192.0.2.15";
    private static final String NETHERLANDS = "203.0.113.15";
    private static final String UNITED_STATES = "198.51.100.15";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectAdminClient
    Keycloak admin;

    private String client;

    @BeforeEach
    void directGrantClient() {
        client = DemoUsers.uniqueName("geo-cli");
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(client);
        rep.setPublicClient(true);
        rep.setDirectAccessGrantsEnabled(true);
        rep.setStandardFlowEnabled(false);
        try (Response created = realm.admin().clients().create(rep)) {
            assertEquals(201, created.getStatus());
            String path = created.getLocation().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            realm.cleanup().add(r -> r.clients().get(id).remove());
        }
    }

    @Test
    public void aCountriesPolicyAppliesToAnAddressOfThatCountryOnly() {
        AccessPolicyConfig.set(realm, POLICY, Map.of("include-clients", client, "countries", "NL##DE"));

        EventRepresentation fromNl = signIn(NETHERLANDS, 400);
        assertEquals("LOGIN_ERROR", fromNl.getType());
        assertEquals("block", fromNl.getDetails().get("mfa_access"));
        assertEquals("NL", fromNl.getDetails().get("mfa_country"));
        assertEquals("block", signIn("2001:db8::15", 400).getDetails().get("mfa_access"), "an IPv6 address in DE");

        EventRepresentation fromSe = signIn(SWEDEN, 200);
        assertEquals("LOGIN", fromSe.getType());
        assertEquals("SE", fromSe.getDetails().get("mfa_country"));
        EventRepresentation local = signIn(null, 200);
        assertNull(local.getDetails().get("mfa_country"), "loopback: unknown, in no list");
    }

    @Test
    public void anExcludedCountryNeverExcludesAnUnknownAddress() {
        // "block outside SE"
        AccessPolicyConfig.set(realm, POLICY, Map.of("include-clients", client, "excluded-countries", "SE"));

        assertEquals("LOGIN", signIn(SWEDEN, 200).getType());
        assertEquals("block", signIn(UNITED_STATES, 400).getDetails().get("mfa_access"));
        EventRepresentation loopback = signIn(null, 400);
        assertEquals("block", loopback.getDetails().get("mfa_access"), "loopback has no country: blocked");
        assertNull(loopback.getDetails().get("mfa_country"));
        assertEquals("block", signIn("10.20.30.40", 400).getDetails().get("mfa_access"), "a private address too");
    }

    @Test
    public void whatIfAnswersAsTheSignInDoes() {
        AccessPolicyConfig.set(realm, POLICY, Map.of("include-clients", client, "countries", "NL"));

        // only an address: placed by the same database as the sign-in
        for (String address : List.of(NETHERLANDS, SWEDEN)) {
            Map<String, Object> answer = whatIf(address, null);
            EventRepresentation event = signIn(address, NETHERLANDS.equals(address) ? 400 : 200);
            assertEquals(answer.get("grant"), event.getDetails().get("mfa_access"), answer + " vs " + event.getDetails());
        }
        // a country given: it is assumed, whatever the address says
        assertEquals("none", whatIf(NETHERLANDS, "se").get("grant"));
        assertEquals("block", whatIf(SWEDEN, "NL").get("grant"));
        assertEquals("block", whatIf("127.0.0.1", "NL").get("grant"));
    }

    /** A direct-grant sign-in of alice from {@code ip} (forwarded; null: from this machine), and its event. */
    private EventRepresentation signIn(String ip, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.getToken(realm.getName())))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (ip != null) {
            request.header("X-Forwarded-For", ip).header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> response = HttpCalls.send(request.POST(HttpRequest.BodyPublishers.ofString(HttpCalls.form(
                Map.of("grant_type", "password", "client_id", client, "username", "alice", "password", "alice"))))
                .build());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        String aliceId = realm.admin().users().search("alice", true).get(0).getId();
        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN", "LOGIN_ERROR"), client, aliceId,
                null, null, ip, 0, 1); // the newest: sign-ins run one after another
        assertEquals(1, events.size(), "the sign-in from " + ip + " was recorded");
        return events.get(0);
    }

    private Map<String, Object> whatIf(String ip, String country) {
        Map<String, String> question = new LinkedHashMap<>();
        question.put("username", "alice");
        question.put("clientId", client);
        question.put("ipAddress", ip);
        question.put("clientType", "direct-grant");
        if (country != null) {
            question.put("country", country);
        }
        try {
            HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(URI.create(urls.getBase()
                            + "/admin/realms/" + realm.getName() + "/mfa/what-if"))
                    .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(question)))
                    .build());
            assertEquals(200, response.statusCode(), response.body());
            return HttpCalls.json(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
