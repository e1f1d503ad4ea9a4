package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP peer on 127.0.0.1 playing a push service, FCM or Google's token endpoint: records every request
 * with its raw body and answers each path with its own status, body and headers.
 */
final class PushPeer implements AutoCloseable {

    record Request(String method, String path, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : text().split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private record Answer(int status, String body, Map<String, String> headers, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();

    PushPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers at {@code path}; several calls queue answers, the last one repeats. */
    PushPeer on(String path, int status, String body) {
        return on(path, status, body, Map.of(), Duration.ZERO);
    }

    PushPeer on(String path, int status, String body, Map<String, String> headers, Duration delay) {
        answers.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Answer(status, body, headers, delay));
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, headers, in));
        List<Answer> queue = answers.getOrDefault(path, List.of());
        Answer answer = queue.isEmpty() ? new Answer(404, "", Map.of(), Duration.ZERO)
                : queue.size() > 1 ? queue.remove(0) : queue.get(0);
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(out);
        } catch (IOException e) {
            // the client gave up
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
