package org.mfasuite.keycloak.push;

import jakarta.ws.rs.core.Response;

/**
 * CORS for the device API when the companion app has a host name of its own ({@link AppUrl}): exactly that origin
 * is allowed, with the methods and headers the protocol uses, and no credentials (the app sends none; its calls are
 * authorised by DPoP proofs). Any other origin gets no CORS header, and its preflight is refused.
 */
final class DeviceCors {

    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "DPoP, Content-Type, Accept";
    /** The app follows the server's clock (Date) and reads DPoP errors (WWW-Authenticate). */
    static final String EXPOSED = "Date, WWW-Authenticate";
    static final int MAX_AGE_SECONDS = 600;

    private final String allowedOrigin;

    DeviceCors(AppUrl app) {
        this.allowedOrigin = app == null ? null : app.origin();
    }

    boolean allows(String origin) {
        return allowedOrigin != null && allowedOrigin.equals(origin);
    }

    /** The answer to {@code OPTIONS}: 204 with the allowed methods and headers for the app's origin, else 403. */
    Response preflight(String origin) {
        if (!allows(origin)) {
            return Response.status(403).header("Vary", "Origin").build();
        }
        return Response.noContent().header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", METHODS).header("Access-Control-Allow-Headers", HEADERS)
                .header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS)).header("Vary", "Origin").build();
    }

    /** The response, readable by the app's origin when the request came from there. */
    Response answer(Response response, String origin) {
        Response.ResponseBuilder builder = Response.fromResponse(response).header("Vary", "Origin");
        if (allows(origin)) {
            builder.header("Access-Control-Allow-Origin", origin).header("Access-Control-Expose-Headers", EXPOSED);
        }
        return builder.build();
    }
}
