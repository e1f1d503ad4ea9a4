package org.mfasuite.keycloak.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/** {@code /admin/realms/demo/mfa/oath-tokens} as an admin's script calls it. */
final class OathTokenApi {

    private final ManagedRealm realm;
    private final KeycloakUrls urls;

    OathTokenApi(ManagedRealm realm, KeycloakUrls urls) {
        this.realm = realm;
        this.urls = urls;
    }

    HttpResponse<String> importCsv(String token, String csv, boolean partial) {
        return importFile(token, "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), partial, Map.of());
    }

    /** {@code headers}: X-MFA-PSKC-Key / X-MFA-PSKC-Password for encrypted files. */
    HttpResponse<String> importFile(String token, String contentType, byte[] body, boolean partial,
                                    Map<String, String> headers) {
        return importFile(token, contentType, body, partial ? "?partial=true" : "", headers);
    }

    /** {@code query}: "" or the request's query string, e.g. {@code ?allow-unauthenticated=true}. */
    HttpResponse<String> importFile(String token, String contentType, byte[] body, String query,
                                    Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(query))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HttpCalls.send(request.build());
    }

    /**
     * A file too large to send: HTTP/1.1 with {@code Expect: 100-continue}, so the server can answer before the
     * body (over HTTP/2 it answers 413 with GOAWAY, which the JDK client reports as an error).
     */
    HttpResponse<String> importTooLarge(String token, byte[] body) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("")).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .expectContinue(true).header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> list(String token, String status) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("?max=100000&status=" + status))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> assign(String token, String serial, String user) {
        return HttpCalls.send(HttpRequest.newBuilder(uri("/" + serial + "/assign"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\"}")).build());
    }

    /** Every stored serial with its status, as the admin API lists them. */
    @SuppressWarnings("unchecked")
    List<String> inventory(String token) {
        HttpResponse<String> response = list(token, "all");
        return AdminApi.json(response.body(), List.class).stream()
                .map(o -> ((Map<String, Object>) o).get("serial") + "=" + ((Map<String, Object>) o).get("status"))
                .sorted().toList();
    }

    private URI uri(String tail) {
        return URI.create(urls.getBase() + "/admin/realms/" + realm.getName() + "/mfa/oath-tokens" + tail);
    }
}
