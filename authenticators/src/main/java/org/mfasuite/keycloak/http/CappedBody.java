package org.mfasuite.keycloak.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The answer body of an outgoing call (message gateways, push services), kept to at most {@code maxBytes} and
 * then no longer read; the status is remembered as soon as the headers are in, so a late or broken body still
 * leaves the status to decide. Peers are not trusted to be small or quick.
 */
public final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

    private final int maxBytes;

    private volatile int status = -1;
    private volatile Flow.Subscription subscription;

    /** @param maxBytes bytes kept; the rest is not read */
    public CappedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The status, once the headers are in; -1 before. */
    public int status() {
        return status;
    }

    /** Stops reading (on timeout or interrupt). */
    public void abort() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
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
                    int take = Math.min(buffer.remaining(), maxBytes - bytes.size());
                    byte[] chunk = new byte[take];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, take);
                }
                if (bytes.size() >= maxBytes) {
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
