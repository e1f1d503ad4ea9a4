package org.mfasuite.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Migration day: an admin brings users' phone numbers over from MFA Server (its CSV export, {@code ,} or {@code ;})
 * or Entra (Graph's phone methods as JSON) through {@code POST /admin/realms/demo/mfa/imports/phones}. The demo
 * realm's phone rules apply: default region SE, only Swedish numbers, a call step (office numbers are call-only).
 */
@KeycloakIntegrationTest(config = MfaServerConfig.class)
public class PhoneImportTest extends DemoRealmTest {

    private static final String HEADER = "username,phone,alternate_phone,office_phone,default_method\n";

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private AdminApi api;
    private String manager;

    @BeforeEach
    void api() {
        api = new AdminApi(realm, urls);
        manager = api.tokenWithRoles("manage-users");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void csvWithCommasAddsPhonesOfficeNumbersForCallsTheDefaultAndASecondRunAddsNothing() {
        String user = DemoUsers.uniqueName("imp-csv");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String mobile = DemoUsers.uniquePhone();
        String office = DemoUsers.uniqueLandline();
        // national numbers: the realm's default region (SE) reads them
        String csv = HEADER + user + "," + national(mobile) + ",," + national(office) + ",voice\n";

        HttpResponse<String> first = post(manager, "text/csv", csv, "");
        assertEquals(200, first.statusCode(), first.body());
        Map<String, Object> report = HttpCalls.json(first);
        assertEquals(Boolean.TRUE, report.get("committed"));
        assertEquals(2, report.get("added"));
        assertEquals(1, report.get("defaultsSet"));
        List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
        assertEquals(List.of("added", "added", "default-set"), lines.stream().map(l -> l.get("status")).toList());
        assertEquals(mobile, lines.get(0).get("number"), "normalised to E.164");

        List<CredentialRepresentation> credentials = realm.admin().users().get(userId).credentials();
        assertEquals("mfa-phone", credentials.get(0).getType(), "the imported phone is the user's default now");
        assertTrue(credentials.get(0).getCredentialData().contains(mobile), credentials.get(0).getCredentialData());
        CredentialRepresentation landline = credentials.stream()
                .filter(c -> c.getCredentialData() != null && c.getCredentialData().contains(office)).findFirst().orElseThrow();
        assertTrue(landline.getCredentialData().contains("\"landline\":true"), "office numbers are call-only");
        assertTrue(realm.admin().getAdminEvents().stream().anyMatch(e -> "CREATE".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().contains("mfa/imports/phones")), "an admin event");

        HttpResponse<String> again = post(manager, "text/csv", csv, "");
        assertEquals(200, again.statusCode(), again.body());
        Map<String, Object> second = HttpCalls.json(again);
        assertEquals(0, second.get("added"));
        assertEquals(3, second.get("alreadyThere"));
        assertEquals(credentials.size(), realm.admin().users().get(userId).credentials().size(), "idempotent");
    }

    @Test
    public void semicolonsMfaServerHeadersAndTheAppDefault() {
        String anna = DemoUsers.uniqueName("imp-semi");
        String annaId = DemoUsers.create(realm, anna, List.of(), true);
        String mobile = DemoUsers.uniquePhone();
        String bo = DemoUsers.uniqueName("imp-semi");
        String boId = DemoUsers.create(realm, bo, List.of(), false);
        String alternate = DemoUsers.uniquePhone();
        // as a Swedish spreadsheet saves MFA Server's export: BOM, ';', quotes, CRLF, a country-code column
        String csv = "\uFEFFUsername;Country Code;Phone;Alternate Phone;Method;Enabled\r\n"
                + "\"" + anna + "\";46;\"" + national(mobile) + "\";;Mobile App;True\r\n"
                + "\"" + bo + "@example.org\";+46;;\"" + alternate.substring(3) + "\";Text Message;True\r\n";

        HttpResponse<String> response = post(manager, "text/csv; charset=utf-8", csv, "");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("otp", realm.admin().users().get(annaId).credentials().get(0).getType(),
                "Mobile App: the user's authenticator app first");
        assertTrue(hasPhone(annaId, mobile));
        List<CredentialRepresentation> bos = realm.admin().users().get(boId).credentials();
        assertEquals("mfa-phone", bos.get(0).getType(), "Text Message: the phone first");
        assertTrue(bos.get(0).getCredentialData().contains(alternate), "found by email, the alternate phone");
    }

    @Test
    public void graphJsonOfPhoneMethods() {
        String user = DemoUsers.uniqueName("imp-graph");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        String mobile = DemoUsers.uniquePhone();
        String alternate = DemoUsers.uniquePhone();
        String office = DemoUsers.uniqueLandline();
        String json = """
                {"value": [{"userPrincipalName": "%s@example.org",
                  "phoneMethods": {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#phoneMethods",
                    "value": [{"id": "3179e48a-750b-4051-897c-87b9720928f7", "phoneNumber": "+46 %s", "phoneType": "mobile",
                               "smsSignInState": "notAllowedByPolicy"},
                              {"id": "b6332ec1-7057-4abe-9331-3d72feddfe41", "phoneNumber": "+46 %s", "phoneType": "alternateMobile"},
                              {"id": "e37fc753-ff3b-4958-9484-eaa9425c82bc", "phoneNumber": "+46 %sx123", "phoneType": "office"}]}}]}"""
                .formatted(user, mobile.substring(3), alternate.substring(3), office.substring(3));
        HttpResponse<String> response = post(manager, "application/json", json, "");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, HttpCalls.json(response).get("added"));
        assertEquals("graph-json", HttpCalls.json(response).get("format"));
        assertTrue(hasPhone(userId, mobile) && hasPhone(userId, alternate) && hasPhone(userId, office));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aDryRunChangesNothingProblemsAreReportLinesAndTheFileIsAllOrNothingUnlessPartial() {
        String good = DemoUsers.uniqueName("imp-good");
        String goodId = DemoUsers.create(realm, good, List.of(), false);
        String phone = DemoUsers.uniquePhone();
        String csv = HEADER + good + "," + phone + ",,,\n"
                + "=cmd|' /C calc'!A0," + DemoUsers.uniquePhone() + ",,,\n"
                + good + "," + DemoUsers.uniquePhone() + ",,,\n"
                + good.toUpperCase() + "x,+49 1512 3456789,,,\n";
        String dupUser = DemoUsers.uniqueName("imp-region");
        DemoUsers.create(realm, dupUser, List.of(), false);
        csv += dupUser + ",+49 1512 3456789,,,\n";

        HttpResponse<String> dryRun = post(manager, "text/csv", csv, "?dry-run=true");
        assertEquals(400, dryRun.statusCode(), "the import would refuse the file: " + dryRun.body());
        Map<String, Object> report = HttpCalls.json(dryRun);
        assertEquals(Boolean.TRUE, report.get("dryRun"));
        List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
        assertEquals("not-imported", lines.get(0).get("status"), "the good line waits for the others");
        assertEquals(List.of("file-refused", "unknown-user", "duplicate", "unknown-user", "region-not-allowed"),
                lines.stream().map(l -> l.get("reason")).toList(), dryRun.body());
        assertEquals("'=cmd|' /C calc'!A0", lines.get(1).get("user"), "the injection cell neutralised");
        assertEquals(1, realm.admin().users().get(goodId).credentials().size(), "a dry run stores nothing");

        HttpResponse<String> whole = post(manager, "text/csv", csv, "");
        assertEquals(400, whole.statusCode(), whole.body());
        assertEquals(Boolean.FALSE, HttpCalls.json(whole).get("committed"));
        assertFalse(hasPhone(goodId, phone), "all or nothing");

        HttpResponse<String> partialDryRun = post(manager, "text/csv", csv, "?dry-run=true&partial=true");
        assertEquals(200, partialDryRun.statusCode(), partialDryRun.body());
        assertFalse(hasPhone(goodId, phone));

        HttpResponse<String> asCsv = HttpCalls.send(request(manager, "text/csv", csv, "?partial=true")
                .header("Accept", "text/csv").build());
        assertEquals(200, asCsv.statusCode(), asCsv.body());
        assertTrue(asCsv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(asCsv.body().startsWith("\uFEFFrow,user,column,number,method,status,reason,message\r\n"), asCsv.body());
        assertTrue(asCsv.body().contains("\"'=cmd|' /C calc'!A0\"") || asCsv.body().contains(",'=cmd|"), asCsv.body());
        assertFalse(asCsv.body().contains(",=cmd"), "no cell starts a formula");
        assertTrue(asCsv.body().contains("'" + phone + ",,added"), asCsv.body());
        assertTrue(hasPhone(goodId, phone), "partial: the good row is imported");
    }

    /** More than 1,000 names, a large share of the realm: the users are found in one pass over the realm's users. */
    @Test
    @SuppressWarnings("unchecked")
    public void aLargeFileFindsItsUsersByUsernameAndEmailInOnePass() {
        String anna = DemoUsers.uniqueName("imp-big");
        String annaId = DemoUsers.create(realm, anna, List.of(), false);
        String bo = DemoUsers.uniqueName("imp-big");
        String boId = DemoUsers.create(realm, bo, List.of(), false);
        String annaPhone = DemoUsers.uniquePhone();
        String boPhone = DemoUsers.uniquePhone();
        StringBuilder csv = new StringBuilder(HEADER)
                .append(anna.toUpperCase()).append(',').append(annaPhone).append(",,,\n")
                .append(bo).append("@example.org,").append(boPhone).append(",,,\n");
        String nobody = DemoUsers.uniqueName("imp-nobody");
        for (int i = 0; i < 1_200; i++) {
            csv.append(nobody).append('-').append(i).append(",+46701234567,,,\n");
        }

        HttpResponse<String> response = post(manager, "text/csv", csv.toString(), "?partial=true");
        assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(500, response.body().length())));
        Map<String, Object> report = HttpCalls.json(response);
        assertEquals(2, report.get("added"));
        assertEquals(1_200, report.get("skipped"));
        List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
        assertEquals(List.of("added", "added", "skipped"), lines.subList(0, 3).stream().map(l -> l.get("status")).toList());
        assertEquals("unknown-user", lines.get(1_201).get("reason"));
        assertTrue(hasPhone(annaId, annaPhone), "found by username, whatever its case");
        assertTrue(hasPhone(boId, boPhone), "found by email");
    }

    @Test
    public void hostileFilesAreRefusedWithAReason() {
        HttpResponse<String> header = post(manager, "text/csv", "name,number\nx,y\n", "");
        assertEquals(400, header.statusCode());
        assertTrue(header.body().contains("\"error\":\"bad-header\""), header.body());
        HttpResponse<String> json = post(manager, "application/json", "{\"value\": [", "");
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("\"error\":\"malformed-file\""), json.body());
        HttpResponse<String> binary = HttpCalls.send(HttpRequest.newBuilder(uri(""))
                .header("Authorization", "Bearer " + manager).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'u', ',', 'p', '\n', (byte) 0xC3, (byte) 0x28}))
                .build());
        assertEquals(400, binary.statusCode());
        assertTrue(binary.body().contains("\"error\":\"not-utf8\""), binary.body());
        HttpResponse<String> wide = post(manager, "text/csv", "username,phone\nx," + ",".repeat(64) + "\n", "?dry-run=true");
        assertEquals(400, wide.statusCode());
        assertTrue(wide.body().contains("\"error\":\"malformed-file\"") && wide.body().contains("more than 64 fields"),
                wide.body());
        HttpResponse<String> longCell = post(manager, "text/csv", "username,phone\nx,\"" + "1".repeat(1025) + "\"\n",
                "?dry-run=true");
        assertEquals(400, longCell.statusCode());
        assertTrue(longCell.body().contains("longer than 1024 characters"), longCell.body());
        // a backtracking bomb for a regular expression: refused as malformed at once (the number is over 64 chars)
        HttpResponse<String> bomb = post(manager, "application/json", "[{\"userPrincipalName\": \"nobody-" + System.nanoTime()
                + "\", \"phoneMethods\": [{\"phoneNumber\": \"1" + " ".repeat(1_000_000) + "1\", \"phoneType\": \"mobile\"}]}]",
                "?dry-run=true");
        assertEquals(400, bomb.statusCode());
        assertTrue(bomb.body().contains("\"reason\":\"malformed\""), bomb.body());
    }

    @Test
    public void viewUsersMayNotImport() {
        String user = DemoUsers.uniqueName("imp-403");
        String userId = DemoUsers.create(realm, user, List.of(), false);
        HttpResponse<String> response = post(api.tokenWithRoles("view-users"), "text/csv",
                HEADER + user + "," + DemoUsers.uniquePhone() + ",,,\n", "");
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(1, realm.admin().users().get(userId).credentials().size());
    }

    private boolean hasPhone(String userId, String e164) {
        return realm.admin().users().get(userId).credentials().stream()
                .anyMatch(c -> "mfa-phone".equals(c.getType()) && c.getCredentialData().contains("\"" + e164 + "\""));
    }

    /** +46701234567 → 0701234567, as Swedes write it. */
    private static String national(String e164) {
        return "0" + e164.substring(3);
    }

    private HttpResponse<String> post(String token, String type, String body, String query) {
        return HttpCalls.send(request(token, type, body, query).build());
    }

    private HttpRequest.Builder request(String token, String type, String body, String query) {
        return HttpRequest.newBuilder(uri(query)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private URI uri(String query) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/imports/phones" + query);
    }
}
