package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser behind a load balancer without stickiness: one cookie jar, and each request sent to whichever node
 * the test names. Both nodes are 127.0.0.1, so cookies (which ignore ports) are shared like on one host name;
 * the pages' form actions name the node that rendered them, and {@link #on} points them at another. Redirects
 * are not followed.
 */
final class Browser {

    static final String CLIENT = "cluster-app";
    static final String REDIRECT = "http://127.0.0.1/cluster-app/callback";

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackCookies(cookies))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** The authorization request of {@code client} on {@code node}: the sign-in page (or a refusal). */
    Page startSignIn(Endpoint node, String client) {
        return get(node.baseUrl() + "/realms/demo/protocol/openid-connect/auth?client_id=" + client
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + encode(REDIRECT));
    }

    Page get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Posts {@code fields} to the page's form {@code formId}, sent to {@code node}. */
    Page submit(Page page, String formId, Endpoint node, Map<String, String> fields) {
        return post(on(node, page.formAction(formId)), fields);
    }

    Page post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Forgets every cookie except {@code keep} (a new sign-in from the same browser, SSO cookies gone). */
    void forgetCookiesExcept(String keep) {
        List<HttpCookie> kept = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(keep)).toList();
        cookies.getCookieStore().removeAll();
        kept.forEach(c -> cookies.getCookieStore().add(null, c));
    }

    boolean hasCookie(String name) {
        return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(name));
    }

    /** {@code url} with its scheme, host and port replaced by {@code node}'s. */
    static String on(Endpoint node, String url) {
        URI uri = URI.create(url);
        return node.baseUrl() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Browsers treat loopback as a secure context and so send {@code Secure} cookies (Keycloak's session cookies
     * are) to {@code http://127.0.0.1} and {@code http://localhost} (a container's mapped port); the JDK's cookie
     * manager would not, unless it is told the link is secure.
     */
    private static final class LoopbackCookies extends CookieHandler {

        private final CookieManager jar;

        LoopbackCookies(CookieManager jar) {
            this.jar = jar;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return jar.get(secure(uri), headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            jar.put(secure(uri), headers);
        }

        private static URI secure(URI uri) {
            if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
                return uri;
            }
            try {
                return new URI("https", null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    /** A response: status, HTML and redirect target. */
    record Page(int status, String body, String location) {

        /** Whether the browser is sent back to the application with an authorization code. */
        boolean signedIn() {
            return status == 302 && location != null && location.startsWith(REDIRECT)
                    && location.matches(".*[?&]code=.*");
        }

        boolean hasForm(String formId) {
            return body.contains("id=\"" + formId + "\"");
        }

        String formAction(String formId) {
            Matcher form = Pattern.compile("<form[^>]*id=\"" + formId + "\"[^>]*>").matcher(body);
            if (!form.find()) {
                throw new AssertionError("No form " + formId + " on the page (" + status + "):\n" + body);
            }
            Matcher action = Pattern.compile("action=\"([^\"]*)\"").matcher(form.group());
            if (!action.find()) {
                throw new AssertionError("Form " + formId + " has no action");
            }
            return action.group(1).replace("&amp;", "&");
        }

        /** The text of the element with id {@code id} (tags stripped), or null. */
        String text(String id) {
            Matcher element = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(body);
            return element.find() ? element.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim()
                    : null;
        }

        static Map<String, String> fields(String... keyValues) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                fields.put(keyValues[i], keyValues[i + 1]);
            }
            return fields;
        }
    }
}
