package org.mfasuite.keycloak.push;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/**
 * Serves the companion app's files from the jar ({@code mfa-push-app/}). Only names of the form {@code a-z0-9._-}
 * with a known extension: nothing else on the classpath can be reached.
 */
final class CompanionApp {

    static final String FOLDER = "mfa-push-app/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8", "webmanifest", "application/manifest+json; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png");
    /** 'self' only: no inline script, no third-party origin; the app calls its own server. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    private CompanionApp() {
    }

    static Response file(String name) {
        String file = name == null || name.isEmpty() ? "index.html" : name;
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        if (type == null || !file.matches("[a-z0-9][a-z0-9._-]{0,63}") || file.contains("..")) {
            return Response.status(404).build();
        }
        byte[] bytes;
        try (InputStream in = CompanionApp.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                return Response.status(404).build();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return Response.serverError().build();
        }
        CacheControl cache = new CacheControl();
        // the service worker decides freshness; a short browser cache keeps updates quick
        cache.setMaxAge(file.equals("sw.js") || file.endsWith(".html") ? 0 : 300);
        cache.setNoTransform(false);
        Response.ResponseBuilder response = Response.ok(bytes, type).cacheControl(cache)
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
        if (file.equals("sw.js")) {
            // the worker controls the whole app folder
            response.header("Service-Worker-Allowed", "./");
        }
        return response.build();
    }
}
