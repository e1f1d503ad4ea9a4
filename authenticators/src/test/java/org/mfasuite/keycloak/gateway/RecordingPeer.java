package org.mfasuite.keycloak.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real HTTP peer on 127.0.0.1 that records every request and answers with a configurable status and body. */
final class RecordingPeer implements AutoCloseable {

    record Request(String method, String path, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        /** The body as application/x-www-form-urlencoded parameters, in order. */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "";
    private volatile Duration delay = Duration.ZERO;

    private RecordingPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingPeer start() throws IOException {
        return new RecordingPeer();
    }

    /** A port nobody listens on: bound, then released. */
    static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private volatile Duration trickle = Duration.ZERO;

    RecordingPeer respond(int status, String body) {
        this.status = status;
        this.responseBody = body;
        return this;
    }

    /** Sends the headers at once, then the body one byte per {@code perByte}: a peer that never quite answers. */
    RecordingPeer trickle(Duration perByte) {
        this.trickle = perByte;
        return this;
    }

    RecordingPeer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI uri(String path) {
        return uri().resolve(path);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        assertEquals(1, requests.size(), "requests received");
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                new String(in, StandardCharsets.UTF_8)));
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis()); // the slow peer; close() interrupts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream body = exchange.getResponseBody()) {
            if (trickle.isZero()) {
                body.write(out);
                return;
            }
            for (byte b : out) {
                body.write(b);
                body.flush();
                Thread.sleep(trickle.toMillis());
            }
        } catch (InterruptedException | IOException e) {
            // the client gave up, as it should
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
