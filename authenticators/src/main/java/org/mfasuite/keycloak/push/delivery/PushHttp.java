package org.mfasuite.keycloak.push.delivery;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mfasuite.keycloak.http.CappedBody;

/**
 * The HTTP plumbing of the push senders: no redirects (a push service never needs one, and the request carries
 * credentials), and the answer read within the request's timeout and capped, on the client's own threads.
 */
final class PushHttp {

    static final int MAX_BODY = 16 * 1024;

    private PushHttp() {
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)) // each request's own timeout is the real bound
                .followRedirects(HttpClient.Redirect.NEVER)
                // as the gateways: no h2c upgrade headers on plain-http test peers; one small POST needs no h2
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** A status and at most {@link #MAX_BODY} bytes of body. */
    record Answer(int status, String body) {
    }

    /** @throws IOException on timeout, refused connection or transport error, naming the host only */
    static Answer exchange(HttpClient client, HttpRequest request) throws IOException {
        String host = request.uri().getHost();
        long timeoutNanos = request.timeout().orElse(Duration.ofSeconds(3)).toNanos();
        CappedBody body = new CappedBody(MAX_BODY);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, body);
        try {
            HttpResponse<byte[]> response = exchange.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            body.abort();
            if (body.status() > 0) {
                return new Answer(body.status(), ""); // the status decides; only the body was late
            }
            throw new IOException("no answer from " + host + " in time");
        } catch (ExecutionException e) {
            if (body.status() > 0) {
                return new Answer(body.status(), "");
            }
            throw new IOException("cannot reach " + host + ": " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + host);
        }
    }
}
