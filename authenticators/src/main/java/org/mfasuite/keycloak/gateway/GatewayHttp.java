package org.mfasuite.keycloak.gateway;

import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.mfasuite.keycloak.http.CappedBody;

/**
 * The HTTP plumbing the Twilio and webhook gateways share: one JDK client per factory, and transport failures
 * turned into {@link GatewayException} reasons ({@code timeout}, {@code refused}, {@code io_error},
 * {@code http_<status>}). Messages name the host only; bodies never reach them, they hold the code.
 */
final class GatewayHttp {

    private static final Logger LOG = Logger.getLogger(GatewayHttp.class);

    private GatewayHttp() {
    }

    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // never replay credentials to wherever a redirect points
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain-http webhooks behind proxies can choke on h2c upgrade headers; one request per login needs no h2
                .version(HttpClient.Version.HTTP_1_1)
                // the JVM's proxy settings (https.proxyHost ...) apply; without this the client ignores them
                .proxy(ProxySelector.getDefault())
                .build();
    }

    /** HttpClient is AutoCloseable from Java 21 on; free its selector thread where the runtime allows it. */
    static void close(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }
    }

    /** A gateway's answer: status and at most {@link #MAX_BODY} bytes of body. */
    record Answer(int status, String host, String body) {
    }

    static final int MAX_BODY = 64 * 1024;

    /**
     * Sends and reads the answer within the request's timeout, headers and body together, on the client's own
     * threads: a peer that trickles its body cannot hold a sign-in thread longer than that, nor fill memory.
     */
    static Answer send(HttpClient client, HttpRequest request, String gatewayId) throws GatewayException {
        String host = request.uri().getHost();
        long timeoutNanos = request.timeout().orElse(Duration.ofSeconds(5)).toNanos();
        CappedBody body = new CappedBody(MAX_BODY);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, body);
        try {
            HttpResponse<byte[]> response = exchange.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), host, new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            body.abort();
            if (body.status() > 0) {
                return statusOnly(gatewayId, host, body.status(), e);
            }
            throw new GatewayException("timeout", gatewayId + ": no answer from " + host + " within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (body.status() > 0) {
                return statusOnly(gatewayId, host, body.status(), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new GatewayException("timeout", gatewayId + ": no answer from " + host + " in time", cause);
            }
            if (cause instanceof ConnectException) {
                // nothing reached the gateway: certainly not delivered
                throw new GatewayException("refused", gatewayId + ": could not connect to " + host, cause, false);
            }
            throw new GatewayException("io_error", gatewayId + ": I/O error talking to " + host + ": " + cause, cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            body.abort();
            Thread.currentThread().interrupt();
            throw new GatewayException("io_error", gatewayId + ": interrupted while waiting for " + host, e);
        }
    }

    /**
     * The status has arrived, only the body is late or broken: the status decides. A 2xx means the message is on
     * its way, so it must not be sent again through a fallback gateway.
     */
    private static Answer statusOnly(String gatewayId, String host, int status, Throwable problem) {
        LOG.warnf("%s: %s answered HTTP %d but its body was incomplete: %s", gatewayId, host, status, problem);
        return new Answer(status, host, "");
    }


    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** A 4xx is the gateway refusing this request: nothing went out. A 5xx (or anything odd) may have sent. */
    static boolean isRejection(int status) {
        return status >= 400 && status < 500;
    }

    static GatewayException statusError(String gatewayId, Answer answer) {
        return new GatewayException("http_" + answer.status(),
                gatewayId + ": " + answer.host() + " answered HTTP " + answer.status(), null, !isRejection(answer.status()));
    }

    static String basicAuth(String user, String password) {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
