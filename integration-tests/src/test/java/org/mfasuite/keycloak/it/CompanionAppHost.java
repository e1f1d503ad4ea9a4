package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The companion app on a host name of its own, as the README's production set-up has it: a plain static server on
 * {@code 127.0.0.2} (another origin than Keycloak's {@code localhost}) serving the app's files from the drop-in jar,
 * the {@code config.json} that names the Keycloak server, and the Content-Security-Policy the docs give.
 */
final class CompanionAppHost implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8", "webmanifest", "application/manifest+json",
            "svg", "image/svg+xml", "png", "image/png");

    private final HttpServer server;
    private final String keycloakOrigin;

    /** Serves the app under {@code /app/} for the Keycloak at {@code keycloakOrigin} (e.g. http://localhost:8080). */
    CompanionAppHost(String keycloakOrigin) {
        this.keycloakOrigin = keycloakOrigin;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/app/", this::serve);
        server.start();
    }

    /** The app's URL, the push step's {@code app-url}. */
    String url() {
        return "http://127.0.0.2:" + server.getAddress().getPort() + "/app/";
    }

    String origin() {
        return "http://127.0.0.2:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/app/".length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        byte[] body;
        if (name.equals("config.json")) {
            body = ("{\"servers\":[\"" + keycloakOrigin + "\"]}").getBytes(StandardCharsets.UTF_8);
        } else if (name.matches("[a-z0-9][a-z0-9._-]*")) {
            try (InputStream in = CompanionAppHost.class.getClassLoader().getResourceAsStream("mfa-push-app/" + name)) {
                body = in == null ? null : in.readAllBytes();
            }
        } else {
            body = null;
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().add("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; connect-src 'self' " + keycloakOrigin + "; worker-src 'self'; "
                + "manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
