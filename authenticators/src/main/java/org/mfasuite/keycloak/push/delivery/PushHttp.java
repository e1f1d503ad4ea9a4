package org.mfasuite.keycloak.push.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        CappedBody body = new CappedBody();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, body);
        try {
            HttpResponse<byte[]> response = exchange.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            body.abort();
            if (body.status > 0) {
                return new Answer(body.status, ""); // the status decides; only the body was late
            }
            throw new IOException("no answer from " + host + " in time");
        } catch (ExecutionException e) {
            if (body.status > 0) {
                return new Answer(body.status, "");
            }
            throw new IOException("cannot reach " + host + ": " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + host);
        }
    }

    /** Keeps at most {@link #MAX_BODY} bytes, then stops reading; remembers the status as soon as it is in. */
    private static final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

        volatile int status = -1;
        private volatile Flow.Subscription subscription;

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            return new HttpResponse.BodySubscriber<>() {
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                private final CompletableFuture<byte[]> result = new CompletableFuture<>();

                @Override
                public CompletionStage<byte[]> getBody() {
                    return result;
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(List<ByteBuffer> buffers) {
                    for (ByteBuffer buffer : buffers) {
                        int take = Math.min(buffer.remaining(), MAX_BODY - bytes.size());
                        byte[] chunk = new byte[take];
                        buffer.get(chunk);
                        bytes.write(chunk, 0, take);
                    }
                    if (bytes.size() >= MAX_BODY) {
                        subscription.cancel();
                        result.complete(bytes.toByteArray());
                    } else {
                        subscription.request(1);
                    }
                }

                @Override
                public void onError(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    result.complete(bytes.toByteArray());
                }
            };
        }
    }
}
