package org.mfasuite.keycloak.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A full browser sign-in as an application sees it, over plain HTTP with a fresh cookie jar each time: open the
 * authorization endpoint, post username and password on the login page, take the code from the redirect and
 * exchange it for tokens. No JavaScript, no page resources: only what the server must do for a sign-in.
 */
final class BrowserSignIn {

    /** Whether the sign-in got tokens; otherwise the status and start of the page where it stopped. */
    record Outcome(boolean signedIn, int status, String page) {
    }

    private static final Pattern LOGIN_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&#]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;

    BrowserSignIn(String realmUrl, String clientId, String redirectUri) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** A second-factor page: the id of its form and the fields to post, which may read the page (e.g. a code). */
    interface SecondStep {
        String formId();

        Map<String, String> fields(String username);
    }

    /** @param address the client address, sent as X-Forwarded-For (the server honours proxy headers) */
    /** Signs in with the benchmark password and asserts it worked; adds the time to {@code samples} unless null (warm-up). */
    void timed(String username, String address, Samples samples) {
        long start = System.nanoTime();
        Outcome outcome = signIn(username, BenchRealm.PASSWORD, address);
        long elapsed = System.nanoTime() - start;
        org.junit.jupiter.api.Assertions.assertTrue(outcome.signedIn(),
                () -> "sign-in failed, status " + outcome.status() + ":\n" + outcome.page());
        if (samples != null) {
            samples.add(elapsed);
        }
    }

    Outcome signIn(String username, String password, String address) {
        return signIn(username, password, address, null);
    }

    /** As {@link #signIn(String, String, String)}, then the second-factor page {@code second} when not null. */
    Outcome signIn(String username, String password, String address, SecondStep second) {
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(realmUrl
                + "/protocol/openid-connect/auth?" + form(Map.of("client_id", clientId, "redirect_uri", redirectUri,
                "response_type", "code", "scope", "openid", "state", UUID.randomUUID().toString())))).GET(),
                address, cookies);
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            return failed(page);
        }
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "credentialId", "")))), address, cookies);
        if (second != null) {
            Matcher secondForm = Pattern.compile("id=\"" + second.formId() + "\"[^>]*action=\"([^\"]+)\"")
                    .matcher(posted.body());
            if (posted.statusCode() != 200 || !secondForm.find()) {
                return failed(posted);
            }
            posted = send(HttpRequest.newBuilder(URI.create(secondForm.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(second.fields(username)))), address, cookies);
        }
        Matcher code = CODE.matcher(posted.headers().firstValue("Location").orElse(""));
        if (posted.statusCode() != 302 || !code.find()) {
            return failed(posted);
        }
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(realmUrl
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code.group(1), "redirect_uri", redirectUri, "client_id", clientId)))), address, cookies);
        if (tokens.statusCode() != 200 || !tokens.body().contains("\"access_token\"")) {
            return failed(tokens);
        }
        return new Outcome(true, 200, "");
    }

    /**
     * A sign-in kept open after the password: its current page, to post forms of and read from (a push page's number
     * and wait URL), with its own cookies.
     */
    final class Open {
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final String address;
        private HttpResponse<String> page;

        Open(String username, String password, String address) {
            this.address = address;
            page = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/auth?" + form(Map.of(
                    "client_id", clientId, "redirect_uri", redirectUri, "response_type", "code", "scope", "openid",
                    "state", UUID.randomUUID().toString())))).GET(), address, cookies);
            Matcher login = LOGIN_FORM.matcher(page.body());
            if (!login.find()) {
                throw new IllegalStateException("no login form: " + page.body());
            }
            post(login.group(1), Map.of("username", username, "password", password, "credentialId", ""));
        }

        String body() {
            return page.body();
        }

        /** Posts the form with this id on the current page. */
        void submit(String formId, Map<String, String> fields) {
            Matcher action = Pattern.compile("id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
            if (!action.find()) {
                throw new IllegalStateException("no form " + formId + ": " + page.body());
            }
            post(action.group(1), fields);
        }

        /** A GET outside the page (the push page's wait), with this sign-in's cookies. */
        String get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), address, cookies).body();
        }

        /** This sign-in's cookies as a Cookie header (a call made outside this class, e.g. asynchronously). */
        String cookieHeader() {
            return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }

        /** Whether the sign-in ended at the application with a code. */
        boolean signedIn() {
            return page.statusCode() == 302 && CODE.matcher(page.headers().firstValue("Location").orElse("")).find();
        }

        private void post(String action, Map<String, String> fields) {
            page = send(HttpRequest.newBuilder(URI.create(action.replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))), address, cookies);
            // Keycloak's own redirects within the realm (to a required action's page) are followed; the one to
            // the application ends the sign-in
            String location = page.headers().firstValue("Location").orElse("");
            while (page.statusCode() == 302 && location.startsWith(realmUrl)) {
                page = send(HttpRequest.newBuilder(URI.create(location)).GET(), address, cookies);
                location = page.headers().firstValue("Location").orElse("");
            }
        }
    }

    Open open(String username, String password, String address) {
        return new Open(username, password, address);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String address, Map<String, String> cookies) {
        request.header("X-Forwarded-For", address).timeout(Duration.ofSeconds(60));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Outcome failed(HttpResponse<String> response) {
        String body = response.headers().firstValue("Location").map(l -> "Location: " + l + "\n").orElse("")
                + (response.body() == null ? "" : response.body());
        return new Outcome(false, response.statusCode(), body);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
