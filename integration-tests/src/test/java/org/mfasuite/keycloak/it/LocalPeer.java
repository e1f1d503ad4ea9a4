package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP peer on 127.0.0.1 standing in for Twilio or a webhook: records each request Keycloak
 * sends and answers with a fixed status and body. It listens on {@link MfaServerConfig#PEER_PORT}, the port
 * the gateways are pointed at, picked free when the tests start.
 */
public final class LocalPeer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LocalPeer(int status, String contentType, String responseBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", MfaServerConfig.PEER_PORT), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public static LocalPeer answering(int status, String jsonBody) throws IOException {
        return new LocalPeer(status, "application/json", jsonBody);
    }

    public List<Request> requests() {
        return requests;
    }

    public Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("Expected one request to the peer, got " + requests.size());
        }
        return requests.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
