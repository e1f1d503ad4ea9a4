package org.mfasuite.keycloak.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

/**
 * The admin console's files in the jar ({@code mfa-admin-console/}): which names exist, their content types, their
 * cache lifetimes and the headers every answer carries. Only {@code [folder/]name.ext} with a known folder and
 * extension: nothing else on the classpath can be reached.
 */
final class ConsoleFiles {

    static final String FOLDER = "mfa-admin-console/";
    static final String INDEX = "index.html";
    /** 'self' only: no inline script or style, no eval, no third-party origin, never framed. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The libraries in {@code lib/} and their versions: index.html asks for {@code lib/x.js?v=<version>}. */
    static final Map<String, String> LIBRARIES = Map.of("keycloak.js", "25.0.6", "echarts.js", "5.3.1");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");
    private static final Pattern NAME = Pattern.compile("(?:(?:pages|i18n|lib)/)?[a-z0-9][a-z0-9_-]{0,63}\\.[a-z]{2,4}");
    /** A year: the libraries' URLs carry their version. */
    private static final String LONG_CACHE = "public, max-age=31536000, immutable";

    private ConsoleFiles() {
    }

    /** The content type of a file the console may serve, or null for a name it never serves. */
    static String type(String path) {
        if (path == null || !NAME.matcher(path).matches()) {
            return null;
        }
        return TYPES.get(path.substring(path.lastIndexOf('.') + 1));
    }

    /** The file's bytes from the jar, or null when there is no such file. */
    static byte[] read(String path) {
        if (type(path) == null) {
            return null;
        }
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(FOLDER + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Cache-Control: the index (it carries the server's URLs) is never stored; the versioned libraries are kept
     * a year; the console's own files are revalidated on every use, so an upgraded jar shows at the next reload.
     */
    static String cacheControl(String path) {
        if (path.endsWith(".html")) {
            return "no-store";
        }
        return path.startsWith("lib/") ? LONG_CACHE : "no-cache";
    }

    static Response answer(String path, byte[] body) {
        return secured(Response.ok(body, type(path)).header("Cache-Control", cacheControl(path))).build();
    }

    static Response notFound() {
        return secured(Response.status(404).type("text/plain; charset=utf-8").entity("Not found")
                .header("Cache-Control", "no-store")).build();
    }

    /** The headers on every answer of the console, found or not. */
    static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
