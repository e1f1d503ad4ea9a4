package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * A form of the page the browser shows, posted outside the browser with the browser's cookies: to submit
 * the same form twice, or to read the raw HTML the server sends back. Redirects are not followed.
 */
final class FormPost {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String action;
    private final String cookies;

    private FormPost(String action, String cookies) {
        this.action = action;
        this.cookies = cookies;
    }

    /** The form {@code formId} of the current page, with the cookies the browser holds now. */
    static FormPost of(ManagedWebDriver driver, String formId) {
        String action = driver.findElement(By.id(formId)).getAttribute("action");
        String cookies = driver.driver().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        return new FormPost(action, cookies);
    }

    HttpResponse<String> post(Map<String, String> fields) {
        try {
            return CLIENT.send(request(fields), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> postAsync(Map<String, String> fields) {
        return CLIENT.sendAsync(request(fields), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a response sends the browser back to the client signed in (an authorization code). */
    static boolean signsIn(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").matches(".*[?&#]code=.*");
    }

    private HttpRequest request(Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
