package org.mfasuite.keycloak.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The HTTP plumbing the Twilio and webhook gateways share: one JDK client per factory, and transport failures
 * turned into {@link GatewayException} reasons ({@code timeout}, {@code refused}, {@code io_error},
 * {@code http_<status>}). Messages name the host only; bodies never reach them, they hold the code.
 */
final class GatewayHttp {

    private GatewayHttp() {
    }

    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // never replay credentials to wherever a redirect points
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain-http webhooks behind proxies can choke on h2c upgrade headers; one request per login needs no h2
                .version(HttpClient.Version.HTTP_1_1)
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

    static HttpResponse<String> send(HttpClient client, HttpRequest request, String gatewayId)
            throws GatewayException {
        String host = request.uri().getHost();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            String limit = request.timeout().map(t -> t.toMillis() + " ms").orElse("the timeout");
            throw new GatewayException("timeout", gatewayId + ": no answer from " + host + " within " + limit, e);
        } catch (ConnectException e) {
            throw new GatewayException("refused", gatewayId + ": could not connect to " + host, e);
        } catch (IOException e) {
            throw new GatewayException("io_error", gatewayId + ": I/O error talking to " + host + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("io_error", gatewayId + ": interrupted while waiting for " + host, e);
        }
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    static GatewayException statusError(String gatewayId, HttpResponse<?> response) {
        return new GatewayException("http_" + response.statusCode(),
                gatewayId + ": " + response.uri().getHost() + " answered HTTP " + response.statusCode());
    }

    static String basicAuth(String user, String password) {
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
